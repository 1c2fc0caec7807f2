using System.Net;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;
using static Kiln.Server.Tests.Machines.MachinesKiln;

namespace Kiln.Server.Tests.Machines;

/// <summary>Capture: a stopped machine's disk, with what its guest wrote, becomes a new image in both APIs.</summary>
public sealed class MachineCaptureTests(MachinesKiln kiln) : IClassFixture<MachinesKiln>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_seeds_create_request_naming_a_stopped_machine_captures_its_disk_into_an_AVAILABLE_image_listed_in_both_APIs()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");
        // What a guest would have written: it lands in the machine's copy-on-write disk, never in the image.
        await QemuIoAsync("qcow2", Path.Combine(kiln.MachineDirectory(id), "disk.qcow2"), "write -P 0x5a 8M 1M");
        var seedBody = $"""
            <MachineImage>
              <name>some_name</name>
              <description>my new machine_image</description>
              <type>IMAGE</type>
              <imageLocation>{MachineHref(id)}</imageLocation>
            </MachineImage>
            """;

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", seedBody)).Expect(HttpStatusCode.Accepted);

        var image = created.Xml;
        Assert.Equal(Value(image, "id"), created.Headers.Location!.ToString());
        Assert.Equal(("some_name", "my new machine_image", "IMAGE", "CREATING"),
            (Value(image, "name"), Value(image, "description"), Value(image, "type"), Value(image, "state")));
        var job = await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!);
        Assert.True(Value(job, "state") == "SUCCESS", job.ToString());
        Assert.Equal("capture of image " + IdOf(Value(image, "id")!), Value(job, "name"));
        Assert.Equal([Value(image, "id"), MachineHref(id)], job.Elements(Ns + "affectedResource").Select(r => (string?)r.Attribute("href")));
        var available = (await GetAsync(client, PathOf(Value(image, "id")!))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("AVAILABLE", Value(available, "state"));
        Assert.Contains("some_name", Names((await GetAsync(client, "/cimi/machine_images")).Expect(HttpStatusCode.OK).Xml));
        using var uforge = kiln.Admin();
        Assert.Contains(IdOf(Value(image, "id")!), await UForgeImageIdsAsync(uforge));
        Assert.Equal("STOPPED", (await MachineAsync(client, id)).Element(Ns + "state")!.Value);

        var downloaded = _temp.Combine("captured.qcow2");
        using (var download = await uforge.GetAsync(Value(available, "imageLocation")))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            await using var file = File.Create(downloaded);
            await download.Content.CopyToAsync(file);
        }
        await DiskImages.QemuImgAsync(_temp.Path, "check", downloaded);
        await QemuIoAsync("qcow2", downloaded, "read -P 0x5a 8M 1M");
        await QemuIoAsync("qcow2", downloaded, "read -P 0 0 1M");
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Capturing_a_running_machine_answers_409_saying_to_stop_it_and_records_nothing()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id);
        await WaitForStateAsync(client, id, "STARTED");
        var before = await kiln.Services.GetRequiredService<Catalog.ICatalogStore>().ListImagesAsync("admin", null, default);

        var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(MachineHref(id)))).Expect(HttpStatusCode.Conflict);

        Assert.Contains("STARTED", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("stop it first", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await kiln.Services.GetRequiredService<Catalog.ICatalogStore>().ListImagesAsync("admin", null, default)).Count);
        Assert.Equal("STARTED", (await MachineAsync(client, id)).Element(Ns + "state")!.Value);
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_capture_action_on_a_stopped_machine_answers_202_with_the_new_image_and_its_job()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED", name: "db");
        await WaitForStateAsync(client, id, "STOPPED");

        var accepted = (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("capture"))).Expect(HttpStatusCode.Accepted);

        Assert.Equal("db-capture", Value(accepted.Xml, "name"));
        var job = await WaitForJobEndAsync(client, accepted.Header("CIMI-Job-URI")!);
        Assert.True(Value(job, "state") == "SUCCESS", job.ToString());
        await WaitForStateAsync(client, id, "STOPPED");
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_machine_being_captured_cannot_be_deleted_or_started()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");
        // A capture as the request leaves it before its job runs: the image recorded, the machine CAPTURING.
        var catalog = kiln.Services.GetRequiredService<Catalog.ICatalogStore>();
        var pending = await catalog.CreateImportAsync(new Catalog.NewImport("admin", MachineHref(id), Catalog.ImageLabel.Empty), default);
        await kiln.Machines.TransitionMachineAsync(id, [Catalog.MachineState.Stopped], Catalog.MachineState.Capturing, null, null, default);

        var delete = (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.Conflict);
        var start = (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("start"))).Expect(HttpStatusCode.Conflict);

        Assert.Contains("captured", delete.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CAPTURING", start.ErrorMessage, StringComparison.Ordinal);
        await Task.Delay(1500); // a reconcile passes: the unfinished capture keeps the machine CAPTURING
        Assert.Equal("CAPTURING", (await MachineAsync(client, id)).Element(Ns + "state")!.Value);
        // Once the capture has ended without its job saying so, the reconciler gives the machine back.
        await catalog.UpdateImageStatusAsync(pending.Id, new Catalog.ImageStatus(Catalog.ImageState.Error, 0, "capture failed", "its worker died"), default);
        await WaitForStateAsync(client, id, "STOPPED", seconds: 10);
        Assert.True(Directory.Exists(kiln.MachineDirectory(id)));
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    private static long IdOf(string href) => long.Parse(href[(href.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task QemuIoAsync(string format, string path, string command)
    {
        var result = await EndToEnd.HostTools.RunAsync("qemu-io", "-f", format, "-c", command, path);
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("Pattern verification failed", StringComparison.Ordinal), result.Output);
    }
}
