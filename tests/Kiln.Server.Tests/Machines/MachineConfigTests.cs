using System.Net;
using System.Xml.Linq;
using static Kiln.Server.Tests.Cimi.CimiHttp;
using static Kiln.Server.Tests.Machines.MachinesKiln;

namespace Kiln.Server.Tests.Machines;

/// <summary>/cimi/machine_configs and /cimi/machine_templates: Kiln's shared configurations, a user's own, and templates to run machines from.</summary>
public sealed class MachineConfigTests(MachinesKiln kiln) : IClassFixture<MachinesKiln>
{
    [Fact]
    public async Task Kilns_shared_configurations_are_listed_with_memory_and_disk_in_KiB_and_cannot_be_deleted()
    {
        using var client = Admin(kiln);
        var small = await kiln.ConfigAsync("small");

        var list = (await GetAsync(client, "/cimi/machine_configs")).Expect(HttpStatusCode.OK).Xml;
        var entry = list.Elements(Ns + "MachineConfiguration").Single(c => Value(c, "name") == "small");
        var refused = (await DeleteAsync(client, $"/cimi/machine_configs/{small}")).Expect(HttpStatusCode.Forbidden);

        Assert.Equal(["small", "medium", "large"], list.Elements(Ns + "MachineConfiguration").Select(c => Value(c, "name")).Take(3));
        Assert.Equal(("1", "1048576"), (Value(entry, "cpu"), Value(entry, "memory")));
        Assert.Equal("10485760", entry.Element(Ns + "disk")!.Element(Ns + "capacity")!.Value);
        Assert.Equal("true", Properties(entry)["shared"]);
        Assert.DoesNotContain(entry.Elements(Ns + "operation"), o => (string?)o.Attribute("rel") == "delete");
        Assert.Contains("shared", refused.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_configuration_is_created_read_in_JSON_hidden_from_others_and_deleted()
    {
        using var alice = await kiln.UserWithAsync("cfg-alice", "image_generate");
        using var bob = await kiln.UserWithAsync("cfg-bob", "image_generate");
        using var aliceCimi = Client(kiln, "cfg-alice", PasswordOf("cfg-alice"));
        using var bobCimi = Client(kiln, "cfg-bob", PasswordOf("cfg-bob"));
        var body = $"""
            <MachineConfiguration xmlns="{Ns}">
              <name>tiny</name>
              <cpu>2</cpu>
              <memory>262144</memory>
              <disk><capacity>4194304</capacity><format>qcow2</format></disk>
            </MachineConfiguration>
            """;

        var created = (await SendAsync(aliceCimi, HttpMethod.Post, "/cimi/machine_configs", body)).Expect(HttpStatusCode.Created);

        var href = created.Headers.Location!.ToString();
        Assert.Equal(href, Value(created.Xml, "id"));
        var json = (await GetAsync(aliceCimi, PathOf(href), Json)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal((2, 262144L), (json.GetProperty("cpu").GetInt32(), json.GetProperty("memory").GetInt64()));
        Assert.Equal(4194304L, json.GetProperty("disks")[0].GetProperty("capacity").GetInt64());
        (await GetAsync(bobCimi, PathOf(href))).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(href, (await GetAsync(bobCimi, "/cimi/machine_configs")).Expect(HttpStatusCode.OK).Text, StringComparison.Ordinal);
        (await DeleteAsync(bobCimi, PathOf(href))).Expect(HttpStatusCode.NotFound);
        (await DeleteAsync(aliceCimi, PathOf(href))).Expect(HttpStatusCode.OK);
        (await GetAsync(aliceCimi, PathOf(href))).Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("<MachineConfiguration><cpu>1</cpu></MachineConfiguration>", "memory")]
    [InlineData("<MachineConfiguration><cpu>0</cpu><memory>262144</memory></MachineConfiguration>", "cpu")]
    [InlineData("<MachineConfiguration><cpu>1</cpu><memory>1024</memory></MachineConfiguration>", "memory")]
    [InlineData("<MachineConfiguration><cpu>1</cpu><memory>262144</memory><cpuArch>aarch64</cpuArch></MachineConfiguration>", "aarch64")]
    [InlineData("<MachineConfiguration><cpu>1</cpu><memory>262144</memory><disk><capacity>1</capacity><format>qcow2</format></disk><disk><capacity>1</capacity><format>qcow2</format></disk></MachineConfiguration>", "one disk")]
    public async Task A_configuration_Kiln_cannot_run_is_refused_with_400_naming_what_is_wrong(string body, string named)
    {
        using var client = Admin(kiln);
        var before = (await kiln.Machines.ListConfigsAsync("admin", default)).Count;

        var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_configs", body)).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(named, refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, (await kiln.Machines.ListConfigsAsync("admin", default)).Count);
    }

    [Fact]
    public async Task A_template_names_a_configuration_and_an_image_and_a_machine_created_from_it_takes_its_initial_state()
    {
        using var client = Admin(kiln);
        var image = await kiln.BlankImageAsync();
        var body = new XElement(Ns + "MachineTemplate",
            new XElement(Ns + "name", "blank-small"),
            new XElement(Ns + "initialState", "STOPPED"),
            new XElement(Ns + "machineConfig", new XAttribute("href", Base + "machine_configs/" + await kiln.ConfigAsync("small"))),
            new XElement(Ns + "machineImage", new XAttribute("href", ImageHref(image.Id)))).ToString();

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_templates", body)).Expect(HttpStatusCode.Created);
        var template = created.Headers.Location!.ToString();
        var read = (await GetAsync(client, PathOf(template))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("STOPPED", ImageHref(image.Id)), (Value(read, "initialState"), (string?)read.Element(Ns + "machineImage")!.Attribute("href")));
        var machine = (await SendAsync(client, HttpMethod.Post, "/cimi/machines",
            $"<MachineCreate xmlns=\"{Ns}\"><name>from-template</name><machineTemplate href=\"{template}\"/></MachineCreate>")).Expect(HttpStatusCode.Created);

        var id = long.Parse(machine.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var stopped = await WaitForStateAsync(client, id, "STOPPED");
        Assert.Equal("1048576", Value(stopped, "memory"));
        (await DeleteAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK);
        (await DeleteAsync(client, PathOf(template))).Expect(HttpStatusCode.OK);
        (await GetAsync(client, PathOf(template))).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_template_naming_another_users_image_or_no_configuration_is_refused()
    {
        using var admin = Admin(kiln);
        using var other = await kiln.UserWithAsync("tpl-carol", "image_generate");
        using var carol = Client(kiln, "tpl-carol", PasswordOf("tpl-carol"));
        var adminImage = await kiln.BlankImageAsync();
        var config = Base + "machine_configs/" + await kiln.ConfigAsync("small");

        var foreign = (await SendAsync(carol, HttpMethod.Post, "/cimi/machine_templates",
            $"<MachineTemplate><machineConfig href=\"{config}\"/><machineImage href=\"{ImageHref(adminImage.Id)}\"/></MachineTemplate>")).Expect(HttpStatusCode.BadRequest);
        var noConfig = (await SendAsync(admin, HttpMethod.Post, "/cimi/machine_templates",
            $"<MachineTemplate><machineImage href=\"{ImageHref(adminImage.Id)}\"/></MachineTemplate>")).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("not one of your machine images", foreign.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("machineConfig", noConfig.ErrorMessage, StringComparison.Ordinal);
    }
}
