using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kiln.Server.Tests.Support;

namespace Kiln.Server.Tests;

public sealed class StatusApiTests : IClassFixture<KilnFactory>
{
    private readonly KilnFactory _kiln;

    public StatusApiTests(KilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task Status_needs_no_credentials_and_answers_valid_uforge_xml()
    {
        using var client = _kiln.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.ToString());
        var document = ValidUForge.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ValidUForge.Namespace + "serviceStatus", document.Root!.Name);
        Assert.Equal("true", document.Root.Element("alive")!.Value);
        Assert.Equal("3.8.13", document.Root.Element("version")!.Value);
    }

    [Fact]
    public async Task Service_load_counts_the_builds_waiting_or_running()
    {
        using var kiln = new ApiOnlyKilnFactory();
        using var admin = kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(admin, "load");
        await ApiOnlyKilnFactory.GenerateAsync(admin, aid);
        var second = await ApiOnlyKilnFactory.GenerateAsync(admin, aid);
        using (await admin.DeleteAsync(new Uri($"/api/{second.Element("uri")!.Value}/status", UriKind.Relative)))
        {
        }
        await ApiOnlyKilnFactory.GenerateAsync(admin, aid);

        using var response = await kiln.CreateClient().GetAsync(new Uri("/api/status", UriKind.Relative));

        Assert.Equal("2", ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("serviceLoad")!.Value);
    }

    [Fact]
    public async Task Status_answers_root_wrapped_json_when_json_is_accepted()
    {
        using var client = _kiln.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.GetAsync(new Uri("/api/status", UriKind.Relative));

        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("serviceStatus").GetProperty("alive").GetBoolean());
    }

    [Fact]
    public async Task Unknown_route_answers_404_as_a_uforge_error()
    {
        using var client = _kiln.Admin();

        using var response = await client.GetAsync(new Uri("/api/no/such/thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = ValidUForge.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ValidUForge.Namespace + "uforgeError", error.Root!.Name);
        Assert.Equal("404", error.Root.Element("statusCode")!.Value);
    }
}
