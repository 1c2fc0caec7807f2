using System.Net;
using Kiln.Catalog;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;
using static Kiln.Server.Tests.Machines.MachinesKiln;

namespace Kiln.Server.Tests.Machines;

/// <summary>Machine requests Kiln refuses: each a clear 4xx naming what is wrong, and nothing recorded or started.</summary>
public sealed class MachineRefusalTests(MachinesKiln kiln) : IClassFixture<MachinesKiln>
{
    [Fact]
    public async Task Creating_a_machine_without_the_image_generate_entitlement_answers_403()
    {
        using var uforge = await kiln.UserWithAsync("m-reader");
        using var reader = Client(kiln, "m-reader", PasswordOf("m-reader"));
        var image = await kiln.BlankImageAsync("m-reader");

        var refused = (await SendAsync(reader, HttpMethod.Post, "/cimi/machines", CreateBody(image.Id, await kiln.ConfigAsync()))).Expect(HttpStatusCode.Forbidden);

        Assert.Contains("image_generate", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await kiln.Machines.ListMachinesAsync("m-reader", default));
    }

    [Fact]
    public async Task A_machine_of_an_image_that_is_not_complete_or_not_the_callers_is_refused_with_400()
    {
        using var uforge = await kiln.UserWithAsync("m-dave", "image_generate");
        using var dave = Client(kiln, "m-dave", PasswordOf("m-dave"));
        var config = await kiln.ConfigAsync();
        var pending = await kiln.Services.GetRequiredService<ICatalogStore>().CreateImportAsync(
            new NewImport("m-dave", NowhereUrl, ImageLabel.Empty), default);
        var adminImage = await kiln.BlankImageAsync();

        var unfinished = (await SendAsync(dave, HttpMethod.Post, "/cimi/machines", CreateBody(pending.Id, config))).Expect(HttpStatusCode.BadRequest);
        var foreign = (await SendAsync(dave, HttpMethod.Post, "/cimi/machines", CreateBody(adminImage.Id, config))).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("complete", unfinished.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"no machine image {adminImage.Id}", foreign.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await kiln.Machines.ListMachinesAsync("m-dave", default));
    }

    [Theory]
    [InlineData("<MachineCreate><machineTemplate><initialState>STARTED</initialState></machineTemplate></MachineCreate>", "machineConfig")]
    [InlineData("<MachineCreate><machineTemplate><machineConfig><cpu>1</cpu></machineConfig><machineImage href=\"IMAGE\"/></machineTemplate></MachineCreate>", "cpu and memory")]
    [InlineData("<MachineCreate><machineTemplate><machineConfig href=\"http://localhost/cimi/machine_configs/999999\"/><machineImage href=\"IMAGE\"/></machineTemplate></MachineCreate>", "999999")]
    [InlineData("<MachineCreate><machineTemplate><machineConfig><cpu>1</cpu><memory>1048576</memory></machineConfig></machineTemplate></MachineCreate>", "machineImage")]
    [InlineData("<MachineCreate><machineTemplate><initialState>PAUSED</initialState><machineConfig><cpu>1</cpu><memory>1048576</memory></machineConfig><machineImage href=\"IMAGE\"/></machineTemplate></MachineCreate>", "PAUSED")]
    [InlineData("<MachineCreate><machineTemplate><machineConfig><cpu>99</cpu><memory>1048576</memory></machineConfig><machineImage href=\"IMAGE\"/></machineTemplate></MachineCreate>", "CPUs")]
    [InlineData("<MachineCreate><machineTemplate href=\"http://localhost/cimi/machine_templates/999999\"/></MachineCreate>", "machine templates")]
    public async Task A_machine_template_that_does_not_resolve_answers_400_naming_what_is_missing(string body, string named)
    {
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();
        var before = (await kiln.Machines.ListMachinesAsync("admin", default)).Count;

        var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machines", body.Replace("IMAGE", ImageHref(image.Id), StringComparison.Ordinal)))
            .Expect(HttpStatusCode.BadRequest);

        Assert.Contains(named, refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, (await kiln.Machines.ListMachinesAsync("admin", default)).Count);
    }

    [Fact]
    public async Task Another_users_machine_is_not_found_for_reading_acting_or_deleting()
    {
        using var admin = Admin(kiln);
        using var uforge = await kiln.UserWithAsync("m-erin", "image_generate");
        using var erin = Client(kiln, "m-erin", PasswordOf("m-erin"));
        var id = await kiln.CreateMachineAsync(admin, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED");

        (await GetAsync(erin, MachinePath(id))).Expect(HttpStatusCode.NotFound);
        (await SendAsync(erin, HttpMethod.Post, MachinePath(id), Action("start"))).Expect(HttpStatusCode.NotFound);
        (await DeleteAsync(erin, MachinePath(id))).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(MachineHref(id), (await GetAsync(erin, "/cimi/machines")).Expect(HttpStatusCode.OK).Text, StringComparison.Ordinal);

        await WaitForStateAsync(admin, id, "STOPPED");
        (await DeleteAsync(admin, MachinePath(id))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Edit_renames_a_machine_and_a_stale_If_Match_answers_412_without_change()
    {
        using var client = Admin(kiln);
        var id = await kiln.CreateMachineAsync(client, (await kiln.BlankImageAsync()).Id, initialState: "STOPPED", name: "before");
        var read = await GetAsync(client, MachinePath(id));

        var stale = await SendAsync(client, HttpMethod.Put, MachinePath(id), "<Machine><name>stale</name></Machine>", headers: [("If-Match", "\"old.x\"")]);
        var edited = (await SendAsync(client, HttpMethod.Put, MachinePath(id), "<Machine><name>after</name><property name=\"tier\">web</property></Machine>",
            headers: [("If-Match", read.ETag!)])).Expect(HttpStatusCode.OK).Xml;

        stale.Expect(HttpStatusCode.PreconditionFailed);
        Assert.Equal("after", Value(edited, "name"));
        Assert.Equal("web", Property(edited, "tier"));
        await WaitForStateAsync(client, id, "STOPPED");
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
    }
}

/// <summary>The limit of running machines: a start beyond it answers 409 and starts nothing.</summary>
public sealed class MachineLimitTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        Kiln.Builder.Processes.LeftoverProcesses.KillAsync(_data.Path, CancellationToken.None).GetAwaiter().GetResult();
        _data.Dispose();
    }

    [Fact]
    public async Task Beyond_the_configured_number_of_running_machines_create_and_start_answer_409_and_start_nothing()
    {
        using var kiln = new MachinesKilnOn(_data.Path, maxRunning: 1);
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();
        var running = await kiln.CreateMachineAsync(client, image.Id);
        await WaitForStateAsync(client, running, "STARTED");

        var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machines", CreateBody(image.Id, await kiln.ConfigAsync()))).Expect(HttpStatusCode.Conflict);
        var waiting = await kiln.CreateMachineAsync(client, image.Id, initialState: "STOPPED");
        await WaitForStateAsync(client, waiting, "STOPPED");
        var start = (await SendAsync(client, HttpMethod.Post, MachinePath(waiting), Action("start"))).Expect(HttpStatusCode.Conflict);

        Assert.Contains("1 machines run already", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("stop one first", start.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, (await kiln.Machines.ListMachinesAsync("admin", default)).Count);
        Assert.Equal("STOPPED", (await MachineAsync(client, waiting)).Element(Ns + "state")!.Value);

        (await SendAsync(client, HttpMethod.Post, MachinePath(running), Action("stop") .Replace("</action>", "</action><force>true</force>", StringComparison.Ordinal)))
            .Expect(HttpStatusCode.Accepted);
        await WaitForStateAsync(client, running, "STOPPED");
        (await SendAsync(client, HttpMethod.Post, MachinePath(waiting), Action("start"))).Expect(HttpStatusCode.Accepted);
        await WaitForStateAsync(client, waiting, "STARTED");
    }
}
