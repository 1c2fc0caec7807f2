using System.Net;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// Which representation an answer takes (?format= first, then Accept; none means XML, */* means JSON), how request
/// bodies are read (by their Content-Type), and the bodies CIMI clients really send.
/// </summary>
public sealed class RepresentationTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public RepresentationTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Theory]
    [InlineData(null, "", Xml)]
    [InlineData("application/xml", "", Xml)]
    [InlineData("text/xml", "", Xml)]
    [InlineData("application/json", "", Json)]
    [InlineData("*/*", "", Json)]
    [InlineData("application/*", "", Json)]
    [InlineData("application/json;q=0.5, application/xml", "", Xml)]
    [InlineData("application/xml;q=0.4, application/json;q=0.9", "", Json)]
    [InlineData("text/html", "", Xml)]
    [InlineData("application/xml", "?format=json", Json)]
    [InlineData("application/json", "?format=xml", Xml)]
    [InlineData(null, "?format=JSON", Json)]
    [InlineData("*/*", "?format=xml", Xml)]
    public async Task The_representation_follows_format_then_Accept(string? accept, string query, string expected)
    {
        using var client = Admin(_kiln);

        foreach (var path in new[] { "/cimi/machine_images", "/cimi/cloudEntryPoint", "/cimi/jobs" })
        {
            var answer = (await GetAsync(client, path + query, accept)).Expect(HttpStatusCode.OK);

            Assert.Equal(expected, answer.ContentType);
        }
    }

    [Fact]
    public async Task An_answer_s_Content_Type_has_no_parameters()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client);

        foreach (var accept in new[] { Xml, Json, "application/json; charset=utf-8", "application/xml; charset=utf-8" })
        {
            var answer = (await GetAsync(client, ImagePath(id), accept)).Expect(HttpStatusCode.OK);

            Assert.True(answer.ContentType is Xml or Json, answer.ContentType);
            Assert.Null(answer.ContentHeaders.ContentType!.CharSet);
            Assert.Empty(answer.ContentHeaders.ContentType.Parameters);
        }
    }

    [Fact]
    public async Task An_unknown_format_is_refused_with_400_naming_it()
    {
        using var client = Admin(_kiln);

        var refused = (await GetAsync(client, "/cimi/machine_images?format=yaml")).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(Xml, refused.ContentType);
        Assert.Contains("yaml", refused.ErrorMessage, StringComparison.Ordinal);
        (await GetAsync(client, "/cimi/cloudEntryPoint?format=yaml")).Expect(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    public async Task A_Content_Type_header_on_a_body_less_GET_or_DELETE_is_ignored(string contentType)
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client);

        (await GetAsync(client, "/cimi/machine_images", Xml, ("Content-Type", contentType))).Expect(HttpStatusCode.OK);
        (await GetAsync(client, ImagePath(id), Json, ("Content-Type", contentType))).Expect(HttpStatusCode.OK);
        (await GetAsync(client, "/cimi/cloudEntryPoint", Json, ("Content-Type", contentType))).Expect(HttpStatusCode.OK);

        var deleted = await DeleteAsync(client, ImagePath(id), ("Content-Type", contentType));

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Null(await _kiln.Catalog.GetImageByIdAsync(id, default));
    }

    [Fact]
    public async Task An_XML_body_with_Accept_JSON_is_read_as_XML_and_answered_in_JSON()
    {
        using var client = Admin(_kiln);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(NowhereUrl, "xml-in-json-out"), Xml, Json))
            .Expect(HttpStatusCode.Accepted);

        var root = created.Json;
        Assert.Equal("xml-in-json-out", root.GetProperty("name").GetString());
        Assert.Equal(root.GetProperty("id").GetString(), created.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_JSON_body_with_Accept_XML_is_answered_in_XML()
    {
        using var client = Admin(_kiln);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images",
            $$"""{"name": "json-in-xml-out", "imageLocation": "{{NowhereUrl}}"}""", Json, Xml)).Expect(HttpStatusCode.Accepted);

        Assert.Equal("json-in-xml-out", Value(created.Xml, "name"));
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("text/xml; charset=utf-8")]
    [InlineData("application/xml; charset=UTF-8")]
    [InlineData("APPLICATION/XML")]
    public async Task XML_bodies_are_read_whatever_the_XML_media_type_and_its_parameters(string contentType)
    {
        using var client = Admin(_kiln);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(NowhereUrl, "typed"), contentType))
            .Expect(HttpStatusCode.Accepted);

        Assert.Equal("typed", Value(created.Xml, "name"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/yaml")]
    [InlineData(null)]
    public async Task A_body_of_another_Content_Type_is_refused_with_415_and_nothing_is_created(string? contentType)
    {
        var before = await _kiln.Catalog.ListImagesAsync("admin", null, default);
        using var client = Admin(_kiln);

        var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(NowhereUrl), contentType))
            .Expect(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/xml", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before.Select(i => i.Id), (await _kiln.Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task A_PUT_body_of_another_Content_Type_is_refused_with_415_and_nothing_changes()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "unchanged");

        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "name=changed", "text/plain")).Expect(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("unchanged", Value((await GetAsync(client, ImagePath(id))).Xml, "name"));
    }

    /// <summary>What clients send: MachineImage, MachineImageCreate or machineImageCreate, with or without the namespace, values padded.</summary>
    [Theory]
    [InlineData("<MachineImage><name> padded </name><type> IMAGE </type><imageLocation>\n  {0}  \n</imageLocation></MachineImage>")]
    [InlineData("<MachineImageCreate xmlns=\"http://schemas.dmtf.org/cimi/1\"><name>padded</name><imageLocation>{0}</imageLocation></MachineImageCreate>")]
    [InlineData("<machineImageCreate><name>padded</name><imageLocation href=\"{0}\"/></machineImageCreate>")]
    [InlineData("<c:MachineImage xmlns:c=\"http://schemas.dmtf.org/cimi/1\"><c:name>padded</c:name><c:type>IMAGE</c:type><c:imageLocation>{0}</c:imageLocation></c:MachineImage>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MachineImage resourceURI=\"http://schemas.dmtf.org/cimi/1/MachineImage\"><name>padded</name><imageLocation>{0}</imageLocation><unknown>skipped</unknown></MachineImage>")]
    public async Task Create_bodies_are_read_in_every_shape_clients_send(string template)
    {
        using var client = Admin(_kiln);
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, NowhereUrl);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", body)).Expect(HttpStatusCode.Accepted);

        var root = created.Xml;
        Assert.Equal("padded", Value(root, "name"));
        Assert.Equal(NowhereUrl, Properties(root)["source"]);
    }

    [Theory]
    [InlineData("""{"machineImageCreate": {"name": " padded ", "imageLocation": {"href": "URL"}}}""")]
    [InlineData("""{"resourceURI": "http://schemas.dmtf.org/cimi/1/MachineImageCreate", "name": "padded", "type": "IMAGE", "imageLocation": " URL ", "extra": 1}""")]
    public async Task JSON_create_bodies_are_read_wrapped_or_flat(string template)
    {
        using var client = Admin(_kiln);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", template.Replace("URL", NowhereUrl, StringComparison.Ordinal), Json, Json))
            .Expect(HttpStatusCode.Accepted);

        Assert.Equal("padded", created.Json.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("<MachineImage><name>x</name><imageLocation>http://a", Xml)]
    [InlineData("{\"name\": ", Json)]
    [InlineData("<Machine><name>x</name></Machine>", Xml)]
    [InlineData("<!DOCTYPE MachineImage [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><MachineImage><name>&e;</name></MachineImage>", Xml)]
    [InlineData("<MachineImage><name>x</name><type>SNAPSHOT</type><imageLocation>http://images.example/a.qcow2</imageLocation></MachineImage>", Xml)]
    [InlineData("<MachineImage><name>x</name></MachineImage>", Xml)]
    [InlineData("<MachineImage><imageLocation>ftp://images.example/a.qcow2</imageLocation></MachineImage>", Xml)]
    [InlineData("<MachineImage><imageLocation>not a url</imageLocation></MachineImage>", Xml)]
    public async Task A_create_body_that_cannot_be_used_is_refused_with_400_in_the_negotiated_representation(string body, string contentType)
    {
        var before = await _kiln.Catalog.ListImagesAsync("admin", null, default);
        using var client = Admin(_kiln);

        var xml = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", body, contentType, Xml)).Expect(HttpStatusCode.BadRequest);
        var json = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", body, contentType, Json)).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(Xml, xml.ContentType);
        Assert.Equal(Json, json.ContentType);
        Assert.Equal(xml.ErrorMessage, json.ErrorMessage);
        Assert.DoesNotContain("root:", xml.ErrorMessage, StringComparison.Ordinal); // no file content leaks
        Assert.Equal(before.Select(i => i.Id), (await _kiln.Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_MaxRequestBodyBytes_is_refused_with_413_whether_its_length_is_announced_or_not(bool announced)
    {
        var before = await _kiln.Catalog.ListImagesAsync("admin", null, default);
        using var client = Admin(_kiln);
        var padding = new string(' ', 1024 * 1024 + 1); // Kiln:MaxRequestBodyBytes is 1 MiB by default
        var body = System.Text.Encoding.UTF8.GetBytes($"<MachineImage><name>big</name>{padding}<imageLocation>{NowhereUrl}</imageLocation></MachineImage>");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cimi/machine_images")
        {
            Content = announced ? new ByteArrayContent(body) : new UnknownLengthContent(body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Xml);
        using var response = await client.SendAsync(request);
        var answer = new CimiAnswer(response, await response.Content.ReadAsByteArrayAsync());
        CimiHttp.Check(answer);

        answer.Expect(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before.Select(i => i.Id), (await _kiln.Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task Error_documents_follow_the_negotiated_representation()
    {
        using var client = Admin(_kiln);

        var xml = (await GetAsync(client, ImagePath(987654), Xml)).Expect(HttpStatusCode.NotFound);
        var json = (await GetAsync(client, ImagePath(987654), Json)).Expect(HttpStatusCode.NotFound);

        Assert.Equal(KilnNs + "error", xml.Xml.Name);
        Assert.Equal("/cimi/machine_images/987654", xml.Xml.Element(KilnNs + "path")?.Value);
        Assert.Equal(404, json.Json.GetProperty("status").GetInt32());
        Assert.Contains("987654", json.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>A body sent without Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
