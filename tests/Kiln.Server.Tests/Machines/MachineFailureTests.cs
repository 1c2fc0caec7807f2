using System.Net;
using Kiln.Blobs;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;
using static Kiln.Server.Tests.Machines.MachinesKiln;

namespace Kiln.Server.Tests.Machines;

/// <summary>What fails at the edges (a tool exits non-zero, a file is gone) ends in a defined state with the reason, and leaves nothing half-made.</summary>
public sealed class MachineFailureTests(MachinesKiln kiln) : IClassFixture<MachinesKiln>
{
    [Fact]
    public async Task A_disk_that_cannot_be_prepared_ends_the_machine_in_ERROR_with_the_reason_and_no_files()
    {
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();
        await kiln.Services.GetRequiredService<IBlobStore>().DeleteAsync(image.Artefact!.BlobKey, default);

        var id = await kiln.CreateMachineAsync(client, image.Id);

        var failed = await WaitForStateAsync(client, id, "ERROR", seconds: 20);
        Assert.Contains("could not be prepared", Property(failed, "stateMessage"), StringComparison.Ordinal);
        Assert.Contains("gone from the blob store", Property(failed, "stateMessage"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(kiln.MachineDirectory(id)));
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task QEMU_that_cannot_start_ends_the_machine_in_ERROR_with_QEMUs_own_words()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");
        File.Delete(Path.Combine(kiln.MachineDirectory(id), "base.qcow2"));

        (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("start"))).Expect(HttpStatusCode.Accepted);

        var failed = await WaitForStateAsync(client, id, "ERROR", seconds: 30);
        Assert.Contains("QEMU could not start", Property(failed, "stateMessage"), StringComparison.Ordinal);
        Assert.Contains("base.qcow2", Property(failed, "stateMessage"), StringComparison.Ordinal);
        Assert.Empty(EndToEnd.HostTools.ProcessesMentioning(kiln.MachineDirectory(id)));
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
        Assert.False(Directory.Exists(kiln.MachineDirectory(id)));
    }

    [Fact]
    public async Task A_capture_whose_copy_fails_ends_the_image_in_ERROR_stores_nothing_and_gives_the_machine_back()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");
        File.Delete(Path.Combine(kiln.MachineDirectory(id), "base.qcow2"));

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(MachineHref(id), "broken"))).Expect(HttpStatusCode.Accepted);

        var job = await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!);
        Assert.Equal("FAILED", Value(job, "state"));
        Assert.Contains("qemu-img could not copy the machine's disk", Value(job, "statusMessage"), StringComparison.Ordinal);
        var image = (await GetAsync(client, PathOf(created.Headers.Location!.ToString()))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("ERROR", Value(image, "state"));
        var imageId = created.Headers.Location!.ToString().Split('/')[^1];
        await using var blobs = kiln.Services.GetRequiredService<IBlobStore>().ListAsync($"images/{imageId}/", default).GetAsyncEnumerator();
        Assert.False(await blobs.MoveNextAsync());
        await WaitForStateAsync(client, id, "STOPPED", seconds: 10);
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }
}
