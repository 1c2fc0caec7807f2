using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Kiln.Catalog;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Server.Tests;

public sealed class ApplianceApiTests : IClassFixture<KilnFactory>
{
    private const string Ns = "http://www.usharesoft.com/uforge";
    private readonly KilnFactory _kiln;

    public ApplianceApiTests(KilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task Created_appliance_answers_201_with_location_and_reads_back_with_etag_and_304()
    {
        using var client = _kiln.Admin();

        using var created = await Requests.SendAsync(client, HttpMethod.Post, "/api/users/admin/appliances",
            $"""<ns0:appliance xmlns:ns0="{Ns}"><name>web-etag</name><version>2.0</version><description>nginx</description></ns0:appliance>""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = ValidUForge.Parse(await created.Content.ReadAsStringAsync());
        var id = document.Root!.Element("dbId")!.Value;
        Assert.Equal($"/api/users/admin/appliances/{id}", created.Headers.Location!.OriginalString);
        using var read = await client.GetAsync(new Uri($"/api/users/admin/appliances/{id}", UriKind.Relative));
        Assert.Equal("web-etag", ValidUForge.Parse(await read.Content.ReadAsStringAsync()).Root!.Element("name")!.Value);
        var etag = read.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/users/admin/appliances/{id}");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Hammr_flow_sets_os_profile_packages_and_install_profile()
    {
        using var client = _kiln.Admin();
        var id = await CreateAsync(client, "hammr-web");

        using var profile = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{id}/osprofile",
            $"""<ns0:linuxProfile xmlns:ns0="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns0:LinuxProfile"><name>minimal</name><standardProfileUri>distributions/1/profiles/1</standardProfileUri></ns0:linuxProfile>""");
        Assert.Equal(HttpStatusCode.Created, profile.StatusCode);
        var osid = ValidUForge.Parse(await profile.Content.ReadAsStringAsync()).Root!.Element("dbId")!.Value;

        using var packages = await Requests.SendAsync(client, HttpMethod.Put, $"/api/users/admin/appliances/{id}/osprofile/{osid}/pkgs",
            $"""<ns0:packages xmlns:ns0="{Ns}"><pkgs><pkg><name>jq</name></pkg><pkg><name>nginx-light</name></pkg></pkgs></ns0:packages>""");
        Assert.Equal(HttpStatusCode.OK, packages.StatusCode);

        using var install = await Requests.SendAsync(client, HttpMethod.Put, $"/api/users/admin/appliances/{id}/installProfile",
            $"""<ns0:installProfile xmlns:ns0="{Ns}"><diskSize>3072</diskSize><keyboard>fr</keyboard><memorySize>768</memorySize><swapSize>256</swapSize><timezone>Europe/Paris</timezone></ns0:installProfile>""");
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);

        var stored = await _kiln.Services.GetRequiredService<ICatalogStore>().GetApplianceAsync("admin", long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), default);
        Assert.True(stored!.HasOsProfile);
        Assert.Equal("minimal", stored.Definition.Os.Profile);
        Assert.Equal(["jq", "nginx-light"], stored.Definition.Os.Packages);
        Assert.Equal(3072, stored.Definition.InstallProfile.DiskSize);
        Assert.Equal("Europe/Paris", stored.Definition.InstallProfile.Timezone);
        using var appliance = await client.GetAsync(new Uri($"/api/users/admin/appliances/{id}", UriKind.Relative));
        var xml = ValidUForge.Parse(await appliance.Content.ReadAsStringAsync());
        Assert.Equal("distributions/1/profiles/1", xml.Root!.Element("osProfile")!.Element("standardProfileUri")!.Value);
    }

    [Fact]
    public async Task Second_os_profile_is_a_conflict_and_an_unknown_one_names_the_field()
    {
        using var client = _kiln.Admin();
        var id = await CreateAsync(client, "twice");
        var body = $"""<ns0:linuxProfile xmlns:ns0="{Ns}"><standardProfileUri>distributions/1/profiles/2</standardProfileUri></ns0:linuxProfile>""";
        using var first = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{id}/osprofile", body);

        using var second = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{id}/osprofile", body);
        using var unknown = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{await CreateAsync(client, "unknown")}/osprofile",
            $"""<ns0:linuxProfile xmlns:ns0="{Ns}"><standardProfileUri>distributions/7/profiles/1</standardProfileUri></ns0:linuxProfile>""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("standardProfileUri", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appliances_are_found_by_fiql_query_and_a_bad_query_is_a_400()
    {
        using var client = _kiln.Admin();
        await CreateAsync(client, "findme", "3.1");
        await CreateAsync(client, "findme", "3.2");

        using var found = await client.GetAsync(new Uri("/api/users/admin/appliances?query=name=='findme';version=='3.1'", UriKind.Relative));
        using var bad = await client.GetAsync(new Uri("/api/users/admin/appliances?query=owner=='x'", UriKind.Relative));

        var list = ValidUForge.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal(["3.1"], list.Root!.Descendants("appliance").Select(a => a.Element("version")!.Value));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Json_bodies_and_answers_are_root_wrapped()
    {
        using var client = _kiln.Admin("application/json");
        using var content = new StringContent("""{"appliance":{"name":"json-web","version":"1.0"}}""", Encoding.UTF8, "application/json");

        using var created = await client.PostAsync(new Uri("/api/users/admin/appliances", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("json-web", json.RootElement.GetProperty("appliance").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("<ns0:appliance xmlns:ns0=\"http://www.usharesoft.com/uforge\"><name>broken</ns0:appliance>", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ns0:appliance xmlns:ns0=\"http://www.usharesoft.com/uforge\"><name>&e;</name></ns0:appliance>", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("{\"appliance\": {\"name\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("name=web", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_bodies_get_a_clear_4xx_and_change_nothing(string body, string contentType, HttpStatusCode expected)
    {
        using var client = _kiln.Admin();
        var before = (await Catalog().ListAppliancesAsync("admin", default)).Count;
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await client.PostAsync(new Uri("/api/users/admin/appliances", UriKind.Relative), content);

        Assert.Equal(expected, response.StatusCode);
        ValidUForge.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (await Catalog().ListAppliancesAsync("admin", default)).Count);
    }

    [Fact]
    public async Task Body_over_the_size_limit_answers_413()
    {
        using var client = _kiln.Admin();
        var huge = $"""<ns0:appliance xmlns:ns0="{Ns}"><name>big</name><description>{new string('x', 2 * 1024 * 1024)}</description></ns0:appliance>""";

        using var response = await Requests.SendAsync(client, HttpMethod.Post, "/api/users/admin/appliances", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Caller_without_appliance_create_gets_403()
    {
        var passwords = _kiln.Services.GetRequiredService<Security.PasswordHashing>();
        await Catalog().PutRoleAsync(new Role("viewer", []), default);
        await Catalog().CreateUserAsync(new NewUser("viewer", null, passwords.Hash("viewer-pw"), "viewer-key", "viewer-secret", ["viewer"]), default);
        using var viewer = _kiln.ClientAs("viewer", "viewer-pw");

        using var response = await viewer.GetAsync(new Uri("/api/users/viewer/appliances", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        ValidUForge.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deleted_appliance_is_gone()
    {
        using var client = _kiln.Admin();
        var id = await CreateAsync(client, "doomed");

        using var deleted = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{id}", UriKind.Relative));
        using var read = await client.GetAsync(new Uri($"/api/users/admin/appliances/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private ICatalogStore Catalog() => _kiln.Services.GetRequiredService<ICatalogStore>();

    private static async Task<string> CreateAsync(HttpClient client, string name, string version = "1.0")
    {
        using var created = await Requests.SendAsync(client, HttpMethod.Post, "/api/users/admin/appliances",
            $"""<ns0:appliance xmlns:ns0="{Ns}"><name>{name}</name><version>{version}</version></ns0:appliance>""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return XDocument.Parse(await created.Content.ReadAsStringAsync()).Root!.Element("dbId")!.Value;
    }

}
