using System.Net;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>PUT on a machine image: name, description and the user's properties change (the UForge views follow); Kiln's own properties cannot be set.</summary>
public sealed class EditTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public EditTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task A_PUT_changes_name_description_and_properties_as_GET_then_shows()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "old", description: "old description", properties: [("tier", "bronze"), ("team", "web")]);

        var edited = (await SendAsync(client, HttpMethod.Put, ImagePath(id), $"""
            <MachineImage xmlns="{Ns}">
              <name>new name</name>
              <description>new description</description>
              <property name="tier">gold</property>
              <property name="owner-team">platform</property>
            </MachineImage>
            """)).Expect(HttpStatusCode.OK);

        foreach (var root in new[] { edited.Xml, (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml })
        {
            Assert.Equal(Ns + "MachineImage", root.Name);
            Assert.Equal(("new name", "new description"), (Value(root, "name"), Value(root, "description")));
            var properties = Properties(root);
            Assert.Equal("gold", properties["tier"]);
            Assert.Equal("platform", properties["owner-team"]);
            Assert.DoesNotContain("team", properties.Keys); // the properties given replace the user's properties
            Assert.Equal(NowhereUrl, properties["source"]); // Kiln's stay
        }
        var label = (await _kiln.Catalog.GetImageByIdAsync(id, default))!.Label;
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold", ["owner-team"] = "platform" }, label.Properties);
    }

    [Fact]
    public async Task A_PUT_without_properties_keeps_them_and_without_a_name_keeps_it()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "kept", description: "d1", properties: [("tier", "bronze")]);

        var edited = (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><description> d2 </description></MachineImage>"))
            .Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(("kept", "d2"), (Value(edited, "name"), Value(edited, "description")));
        Assert.Equal("bronze", Properties(edited)["tier"]);
    }

    [Fact]
    public async Task A_PUT_in_JSON_changes_the_image_and_answers_in_JSON()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "json-old");

        var edited = (await SendAsync(client, HttpMethod.Put, ImagePath(id),
            """{"name": "json-new", "description": "from json", "properties": {"tier": "silver"}}""", Json, Json)).Expect(HttpStatusCode.OK).Json;

        Assert.Equal(("json-new", "from json"), (edited.GetProperty("name").GetString(), edited.GetProperty("description").GetString()));
        Assert.Equal("silver", edited.GetProperty("properties").GetProperty("tier").GetString());
        var read = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("json-new", Value(read, "name"));
    }

    [Fact]
    public async Task The_UForge_views_of_a_generated_image_follow_its_new_name()
    {
        using var uforge = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, "renamed-app");
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(uforge, aid);
        using var client = Admin(_kiln);

        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>Production web</name></MachineImage>")).Expect(HttpStatusCode.OK);

        using var one = await uforge.GetAsync($"/api/users/admin/appliances/{aid}/images/{id}");
        Assert.Equal("Production web", ValidUForge.Parse(await one.Content.ReadAsStringAsync()).Root!.Element("name")!.Value);
        using var mine = await uforge.GetAsync("/api/users/admin/images");
        var entry = ValidUForge.Parse(await mine.Content.ReadAsStringAsync()).Root!.Descendants("image")
            .Single(i => i.Parent?.Name == "images" && ApiOnlyKilnFactory.DbId(i) == id);
        Assert.Equal("Production web", entry.Element("name")!.Value);
    }

    [Fact]
    public async Task Kiln_s_own_property_names_in_a_PUT_body_are_ignored_and_not_stored()
    {
        var image = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(4096), "genuine");
        using var client = Admin(_kiln);
        var before = Properties((await GetAsync(client, ImagePath(image.Id))).Expect(HttpStatusCode.OK).Xml);

        var edited = (await SendAsync(client, HttpMethod.Put, ImagePath(image.Id), """
            <MachineImage>
              <property name="format">vmdk</property>
              <property name="sha256">0000</property>
              <property name="fileSize">1</property>
              <property name="source">http://evil.example/</property>
              <property name="owner">root</property>
              <property name="error">forged</property>
              <property name="tier">gold</property>
            </MachineImage>
            """)).Expect(HttpStatusCode.OK).Xml;

        var after = Properties(edited);
        foreach (var key in new[] { "format", "sha256", "fileSize", "source", "owner" })
            Assert.Equal(before[key], after[key]);
        Assert.DoesNotContain("error", after.Keys);
        Assert.Equal("gold", after["tier"]);
        Assert.Single(edited.Elements(Ns + "property"), p => (string?)p.Attribute("name") == "format");
        var stored = (await _kiln.Catalog.GetImageByIdAsync(image.Id, default))!;
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold" }, stored.Label.Properties);
        Assert.Equal("qcow2", stored.Format);
    }

    [Fact]
    public async Task Kiln_s_own_property_names_in_a_create_body_are_ignored_too()
    {
        using var client = Admin(_kiln);

        var created = (await CreateAsync(client, name: "forged", properties: [("sha256", "0000"), ("status", "complete"), ("tier", "gold")])).Xml;

        var properties = Properties(created);
        Assert.DoesNotContain("sha256", properties.Keys);
        Assert.Equal("queued", properties["status"]);
        Assert.Equal("gold", properties["tier"]);
        var stored = (await _kiln.Catalog.GetImageByIdAsync(IdOf(Value(created, "id")!), default))!;
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold" }, stored.Label.Properties);
    }

    [Fact]
    public async Task A_PUT_on_an_unknown_image_answers_404_and_a_malformed_body_400()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "intact");

        (await SendAsync(client, HttpMethod.Put, ImagePath(987_654), "<MachineImage><name>x</name></MachineImage>")).Expect(HttpStatusCode.NotFound);
        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>x</name>")).Expect(HttpStatusCode.BadRequest);

        Assert.Equal("intact", Value((await GetAsync(client, ImagePath(id))).Xml, "name"));
    }
}
