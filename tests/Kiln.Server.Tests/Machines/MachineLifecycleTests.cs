using System.Net;
using static Kiln.Server.Tests.Cimi.CimiHttp;
using static Kiln.Server.Tests.Machines.MachinesKiln;

namespace Kiln.Server.Tests.Machines;

/// <summary>Machines from create to delete through /cimi/machines, with real QEMU processes.</summary>
public sealed class MachineLifecycleTests(MachinesKiln kiln) : IClassFixture<MachinesKiln>
{
    [Fact]
    public async Task A_created_machine_answers_201_CREATING_then_runs_a_QEMU_process_and_offers_stop_and_restart()
    {
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machines", CreateBody(image.Id, await kiln.ConfigAsync("small"), "web")))
            .Expect(HttpStatusCode.Created);

        var root = created.Xml;
        var id = root.Element(Ns + "id")!.Value;
        Assert.Equal(id, created.Headers.Location!.ToString());
        Assert.Equal(("web", "CREATING", "1", "1048576"), (root.Element(Ns + "name")!.Value, root.Element(Ns + "state")!.Value,
            root.Element(Ns + "cpu")!.Value, root.Element(Ns + "memory")!.Value));
        Assert.Equal(ImageHref(image.Id), Property(root, "machineImage"));
        var machineId = long.Parse(id[(id.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var started = await WaitForStateAsync(client, machineId, "STARTED");
        var pid = Pid(started);
        Assert.True(ProcessAlive(pid));
        // QEMU listens on the loopback port it forwards to the guest's SSH.
        var ssh = Property(started, "ssh");
        Assert.StartsWith("127.0.0.1:", ssh, StringComparison.Ordinal);
        using (var tcp = new System.Net.Sockets.TcpClient())
            await tcp.ConnectAsync("127.0.0.1", int.Parse(ssh["127.0.0.1:".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(["edit", "delete", "http://schemas.dmtf.org/cimi/1/action/stop", "http://schemas.dmtf.org/cimi/1/action/restart"],
            rel => Operations(started).Contains(rel));
        Assert.DoesNotContain("http://schemas.dmtf.org/cimi/1/action/start", Operations(started));
        Assert.True(File.Exists(Path.Combine(kiln.MachineDirectory(machineId), "disk.qcow2")));
        Assert.Equal(10L * 1024 * 1024, long.Parse((await GetAsync(client, MachinePath(machineId) + "/disks")).Expect(HttpStatusCode.OK)
            .Xml.Descendants(Ns + "capacity").Single().Value, System.Globalization.CultureInfo.InvariantCulture));

        (await DeleteAsync(client, MachinePath(machineId))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stop_answers_202_STOPPING_and_ends_STOPPED_without_a_process_offering_start_and_capture()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id);
        var pid = Pid(await WaitForStateAsync(client, id, "STARTED"));

        var stopping = (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("stop"))).Expect(HttpStatusCode.Accepted);

        Assert.Equal("STOPPING", stopping.Xml.Element(Ns + "state")!.Value);
        var stopped = await WaitForStateAsync(client, id, "STOPPED");
        Assert.False(ProcessAlive(pid));
        Assert.Equal("", Property(stopped, "pid"));
        Assert.Contains("http://schemas.dmtf.org/cimi/1/action/start", Operations(stopped));
        Assert.Contains(stopped.Elements(Ns + "operation"), o => (string?)o.Attribute("rel") == "http://schemas.dmtf.org/cimi/1/action/capture"
            && (string?)o.Attribute("href") == Base + "machine_images");

        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_after_stop_and_restart_run_a_new_QEMU_process()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");

        (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("start"))).Expect(HttpStatusCode.Accepted);
        var first = Pid(await WaitForStateAsync(client, id, "STARTED"));
        var forced = $"<Action xmlns=\"{Ns}\"><action>http://schemas.dmtf.org/cimi/1/action/restart</action><force>true</force></Action>";
        (await SendAsync(client, HttpMethod.Post, MachinePath(id), forced)).Expect(HttpStatusCode.Accepted);

        var second = 0;
        await Eventually.TrueAsync(async () =>
        {
            var machine = await MachineAsync(client, id);
            return machine.Element(Ns + "state")!.Value == "STARTED" && (second = Pid(machine)) != first;
        }, "restarted with a new QEMU");
        Assert.False(ProcessAlive(first));
        Assert.True(ProcessAlive(second));

        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task QEMU_killed_from_outside_is_noticed_and_shown_as_ERROR_with_the_signal_and_the_machine_can_start_again()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id);
        var pid = Pid(await WaitForStateAsync(client, id, "STARTED"));

        using (var qemu = System.Diagnostics.Process.GetProcessById(pid))
            qemu.Kill();

        var failed = await WaitForStateAsync(client, id, "ERROR", seconds: 10);
        Assert.Contains("SIGKILL", Property(failed, "stateMessage"), StringComparison.Ordinal);
        Assert.Equal(["edit", "delete", "http://schemas.dmtf.org/cimi/1/action/start"], Operations(failed));
        (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("start"))).Expect(HttpStatusCode.Accepted);
        await WaitForStateAsync(client, id, "STARTED");

        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_running_machine_leaves_no_process_and_no_file()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id);
        var pid = Pid(await WaitForStateAsync(client, id, "STARTED"));

        var deleted = await DeleteAsync(client, MachinePath(id));

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.False(ProcessAlive(pid));
        Assert.False(Directory.Exists(kiln.MachineDirectory(id)));
        Assert.Empty(HostProcessesNaming(kiln.MachineDirectory(id)));
        (await GetAsync(client, MachinePath(id))).Expect(HttpStatusCode.NotFound);
        Assert.Null(await kiln.Machines.GetMachineByIdAsync(id, default));
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_answers_409_and_an_unknown_action_400()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");

        var stop = (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("stop"))).Expect(HttpStatusCode.Conflict);
        var unknown = (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("pause"))).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("STOPPED", stop.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("pause", unknown.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("STOPPED", (await MachineAsync(client, id)).Element(Ns + "state")!.Value);
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Machines_are_listed_in_XML_and_JSON_and_filtered_by_state()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED", name: "listed");
        await WaitForStateAsync(client, id, "STOPPED");

        var xml = (await GetAsync(client, "/cimi/machines?$filter=name='listed'")).Expect(HttpStatusCode.OK).Xml;
        var json = (await GetAsync(client, "/cimi/machines?$filter=state='STOPPED'", Json)).Expect(HttpStatusCode.OK).Json;

        Assert.Equal("1", xml.Element(Ns + "count")!.Value);
        Assert.Equal(MachineHref(id), xml.Element(Ns + "Machine")!.Element(Ns + "id")!.Value);
        Assert.Contains(json.GetProperty("machines").EnumerateArray(), m => m.GetProperty("id").GetString() == MachineHref(id)
            && m.GetProperty("resourceURI").GetString() == "http://schemas.dmtf.org/cimi/1/Machine");
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_console_of_a_machine_is_read_as_text_by_its_owner_only()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");
        var stopped = await WaitForStateAsync(client, id, "STOPPED");
        await File.WriteAllTextAsync(Path.Combine(kiln.MachineDirectory(id), "console.log"), "Debian GNU/Linux 12 kiln ttyS0\nKILN-BOOT-OK m\n");
        using var uforge = await kiln.UserWithAsync("console-frank", "image_generate");
        using var frank = Client(kiln, "console-frank", PasswordOf("console-frank"));

        using var console = await client.GetAsync(Property(stopped, "console"));
        using var foreign = await frank.GetAsync(MachinePath(id) + "/console");

        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Equal("text/plain", console.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("KILN-BOOT-OK m\n", await console.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_JSON_client_creates_a_machine_with_an_inline_configuration_and_stops_it_with_a_JSON_action()
    {
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();
        var body = $$"""
            {"name": "json-machine", "properties": {"tier": "test"},
             "machineTemplate": {"initialState": "STARTED", "machineConfig": {"cpu": 1, "memory": 131072},
                                 "machineImage": {"href": "{{ImageHref(image.Id)}}"} } }
            """;

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machines", body, Json, Json)).Expect(HttpStatusCode.Created);

        var machine = created.Json;
        Assert.Equal(("http://schemas.dmtf.org/cimi/1/Machine", "json-machine", 131072L),
            (machine.GetProperty("resourceURI").GetString(), machine.GetProperty("name").GetString(), machine.GetProperty("memory").GetInt64()));
        Assert.Equal("test", machine.GetProperty("properties").GetProperty("tier").GetString());
        var id = long.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await WaitForStateAsync(client, id, "STARTED");
        var stop = (await SendAsync(client, HttpMethod.Post, MachinePath(id),
            """{"action": "http://schemas.dmtf.org/cimi/1/action/stop", "force": true}""", Json, Json)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("STOPPING", stop.Json.GetProperty("state").GetString());
        await WaitForStateAsync(client, id, "STOPPED", seconds: 10);
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_machine_runs_from_a_hard_link_to_its_images_file_and_starts_after_the_image_is_deleted()
    {
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();
        var id = await kiln.CreateMachineAsync(client, image.Id, initialState: "STOPPED");
        await WaitForStateAsync(client, id, "STOPPED");
        var baseDisk = Path.Combine(kiln.MachineDirectory(id), "base.qcow2");
        var links = await EndToEnd.HostTools.RunAsync("stat", "-c", "%h", baseDisk);
        Assert.Equal("2", links.Output.Trim());

        (await DeleteAsync(client, ImagePath(image.Id))).Expect(HttpStatusCode.OK);
        (await SendAsync(client, HttpMethod.Post, MachinePath(id), Action("start"))).Expect(HttpStatusCode.Accepted);

        await WaitForStateAsync(client, id, "STARTED");
        Assert.Equal("1", (await EndToEnd.HostTools.RunAsync("stat", "-c", "%h", baseDisk)).Output.Trim());
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    private static IReadOnlyList<string> HostProcessesNaming(string directory) =>
        EndToEnd.HostTools.ProcessesMentioning(directory);
}
