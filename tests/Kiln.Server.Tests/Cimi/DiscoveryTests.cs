using System.Net;
using System.Xml.Linq;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>How a client finds its way: /cimi redirects to the Cloud Entry Point, which anyone may read and which holds only absolute links under baseURI.</summary>
public sealed class DiscoveryTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public DiscoveryTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Theory]
    [InlineData("/cimi")]
    [InlineData("/cimi/")]
    public async Task The_root_redirects_permanently_to_the_absolute_Cloud_Entry_Point(string path)
    {
        using var client = Client(_kiln);

        var root = (await GetAsync(client, path)).Expect(HttpStatusCode.MovedPermanently);

        Assert.Equal(new Uri(Base + "cloudEntryPoint"), root.Headers.Location);
        Assert.True(root.Headers.Location!.IsAbsoluteUri);
    }

    [Fact]
    public async Task The_Cloud_Entry_Point_is_readable_without_credentials_and_lists_its_attributes_and_collections_in_schema_order()
    {
        using var client = Client(_kiln);

        var cep = (await GetAsync(client, "/cimi/cloudEntryPoint")).Expect(HttpStatusCode.OK);

        Assert.Equal("application/xml", cep.ContentType);
        Assert.False(string.IsNullOrEmpty(cep.ETag));
        var root = cep.Xml;
        Assert.Equal(Ns + "CloudEntryPoint", root.Name);
        Assert.Equal("http://schemas.dmtf.org/cimi/1/CloudEntryPoint", (string?)root.Attribute("resourceURI"));
        Assert.Equal(
            new[] { Ns + "id", Ns + "name", Ns + "description", Ns + "created", Ns + "baseURI", Ns + "machines", Ns + "machineTemplates", Ns + "machineConfigs", Ns + "machineImages", Ns + "jobs", KilnNs + "driver", KilnNs + "provider" },
            root.Elements().Select(e => e.Name));
        Assert.Equal(Base + "cloudEntryPoint", Value(root, "id"));
        Assert.Equal(Base, Value(root, "baseURI"));
        Assert.EndsWith("/", Value(root, "baseURI"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Value(root, "name")));
        Assert.False(string.IsNullOrWhiteSpace(Value(root, "description")));
        Assert.True(DateTimeOffset.TryParse(Value(root, "created"), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(MachineImages, (string?)root.Element(Ns + "machineImages")!.Attribute("href"));
        Assert.Equal(Base + "jobs", (string?)root.Element(Ns + "jobs")!.Attribute("href"));
        Assert.Equal(Base + "machines", (string?)root.Element(Ns + "machines")!.Attribute("href"));
        Assert.Equal(Base + "machine_templates", (string?)root.Element(Ns + "machineTemplates")!.Attribute("href"));
        Assert.Equal(Base + "machine_configs", (string?)root.Element(Ns + "machineConfigs")!.Attribute("href"));
        Assert.False(root.Element(Ns + "machineImages")!.HasElements);
        Assert.Equal("kiln", root.Element(KilnNs + "driver")!.Value);
        Assert.Equal("kiln", root.Element(KilnNs + "provider")!.Value);
    }

    [Fact]
    public async Task Every_href_of_the_Cloud_Entry_Point_begins_with_its_baseURI()
    {
        using var client = Client(_kiln);

        var root = (await GetAsync(client, "/cimi/cloudEntryPoint")).Expect(HttpStatusCode.OK).Xml;

        var baseUri = Value(root, "baseURI")!;
        var hrefs = root.Descendants().Attributes("href").Select(a => a.Value).Append(Value(root, "id")!).ToList();
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, href => Assert.StartsWith(baseUri, href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Cloud_Entry_Point_in_JSON_has_collection_references_as_href_objects_and_driver_and_provider()
    {
        using var client = Client(_kiln);

        var cep = (await GetAsync(client, "/cimi/cloudEntryPoint", Json)).Expect(HttpStatusCode.OK).Json;

        Assert.Equal("http://schemas.dmtf.org/cimi/1/CloudEntryPoint", cep.GetProperty("resourceURI").GetString());
        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "baseURI", "machines", "machineTemplates", "machineConfigs", "machineImages", "jobs", "driver", "provider"],
            cep.EnumerateObject().Select(p => p.Name).ToArray());
        var baseUri = cep.GetProperty("baseURI").GetString()!;
        Assert.Equal(Base, baseUri);
        Assert.Equal(MachineImages, cep.GetProperty("machineImages").GetProperty("href").GetString());
        Assert.Equal(Base + "jobs", cep.GetProperty("jobs").GetProperty("href").GetString());
        Assert.StartsWith(baseUri, cep.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(("kiln", "kiln"), (cep.GetProperty("driver").GetString(), cep.GetProperty("provider").GetString()));
    }

    [Fact]
    public async Task A_client_finds_the_machine_images_through_the_Cloud_Entry_Point_and_its_hrefs_lead_there()
    {
        using var anonymous = Client(_kiln);
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "found-through-cep");

        var cep = (await GetAsync(anonymous, "/cimi/cloudEntryPoint", Json)).Expect(HttpStatusCode.OK).Json;
        var baseUri = cep.GetProperty("baseURI").GetString()!;
        var href = cep.GetProperty("machineImages").GetProperty("href").GetString()!;
        // As one client does: cut baseURI off the front and append the rest to the base it knows.
        var list = (await GetAsync(client, "/cimi/" + href[baseUri.Length..], Json)).Expect(HttpStatusCode.OK).Json;

        var entry = list.GetProperty("machineImages").EnumerateArray().Single(e => e.GetProperty("id").GetString() == ImageHref(id));
        Assert.All(entry.GetProperty("operations").EnumerateArray(),
            o => Assert.StartsWith(baseUri, o.GetProperty("href").GetString(), StringComparison.Ordinal));
        Assert.StartsWith(baseUri, list.GetProperty("operations")[0].GetProperty("href").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Cloud_Entry_Point_follows_the_host_the_client_used()
    {
        using var client = Client(_kiln);
        client.BaseAddress = new Uri("http://kiln.example:8080/");

        var root = (await GetAsync(client, "/cimi/cloudEntryPoint")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal("http://kiln.example:8080/cimi/", Value(root, "baseURI"));
        Assert.All(root.Descendants().Attributes("href"), a => Assert.StartsWith("http://kiln.example:8080/cimi/", a.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_are_not_needed_for_the_Cloud_Entry_Point_but_wrong_ones_do_not_break_it()
    {
        using var client = Client(_kiln, "admin", "not-the-password");

        var cep = (await GetAsync(client, "/cimi/cloudEntryPoint")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(Ns + "CloudEntryPoint", cep.Name);
    }

    [Fact]
    public async Task An_unknown_path_under_cimi_answers_404_with_a_CIMI_error()
    {
        using var client = Admin(_kiln);

        var missing = (await GetAsync(client, "/cimi/volumes")).Expect(HttpStatusCode.NotFound);

        Assert.Equal(KilnNs + "error", missing.Xml.Name);
    }

    [Fact]
    public async Task The_Cloud_Entry_Point_honours_select()
    {
        using var client = Client(_kiln);

        var root = (await GetAsync(client, "/cimi/cloudEntryPoint?$select=baseURI,machineImages")).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(new XName[] { Ns + "baseURI", Ns + "machineImages" }, root.Elements().Select(e => e.Name));
    }
}
