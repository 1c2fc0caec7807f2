using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Kiln.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// One answer of the service under /cimi, checked as every CIMI answer must be before a test looks at it: it names
/// CIMI 1.0.1; a body has exactly <c>application/xml</c> or <c>application/json</c> as Content-Type; an XML body is
/// valid against the CIMI schema (with the seed's resourceURI on single resources), or, for an error, Kiln's own
/// <c>error</c> document in <c>urn:kiln:cimi:1</c> carrying the status; a JSON body parses (an error's carries the
/// status and a message).
/// </summary>
public sealed class CimiAnswer
{
    internal CimiAnswer(HttpResponseMessage response, byte[] body)
    {
        Status = response.StatusCode;
        Headers = response.Headers;
        ContentHeaders = response.Content.Headers;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    public byte[] Body { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The Content-Type header exactly as sent, or null.</summary>
    public string? ContentType => ContentHeaders.TryGetValues("Content-Type", out var values) ? string.Join(",", values) : null;

    public bool IsXml => ContentType == CimiHttp.Xml;

    public bool IsJson => ContentType == CimiHttp.Json;

    /// <summary>The root element of an XML body.</summary>
    public XElement Xml
    {
        get
        {
            Assert.True(IsXml, $"expected an XML answer, got {ContentType}: {Text}");
            return XDocument.Parse(Text).Root!;
        }
    }

    /// <summary>The root of a JSON body.</summary>
    public JsonElement Json
    {
        get
        {
            Assert.True(IsJson, $"expected a JSON answer, got {ContentType}: {Text}");
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? ETag => Headers.ETag?.ToString();

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The message of an error answer, XML or JSON.</summary>
    public string ErrorMessage => IsJson ? Json.GetProperty("message").GetString()! : Xml.Element(CimiHttp.KilnNs + "message")!.Value;

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public CimiAnswer Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Text}");
        return this;
    }

    public override string ToString() => $"{(int)Status} {ContentType}: {Text}";
}

/// <summary>Requests to /cimi as CIMI clients send them, each answer checked (<see cref="CimiAnswer"/>); and what CIMI tests share.</summary>
public static class CimiHttp
{
    public const string Xml = "application/xml";
    public const string Json = "application/json";
    public const string SpecVersion = "1.0.1";
    public const string VersionHeader = "CIMI-Specification-Version";
    public const string Base = "http://localhost/cimi/";
    public const string MachineImages = Base + "machine_images";
    public const string MachineImageUri = "http://schemas.dmtf.org/cimi/1/MachineImage";
    public const string MachineImageCollectionUri = "http://schemas.dmtf.org/cimi/1/MachineImageCollection";
    public static readonly XNamespace Ns = CimiSchema.Namespace;
    public static readonly XNamespace KilnNs = "urn:kiln:cimi:1";

    /// <summary>Where imports are said to come from when no worker will fetch them (API-only service).</summary>
    public const string NowhereUrl = "http://images.example/debian-12.qcow2";

    /// <summary>A client that follows no redirect and sends no Accept unless told; with Basic credentials when given.</summary>
    public static HttpClient Client(WebApplicationFactory<Program> factory, string? login = null, string? password = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (login is not null)
            client.DefaultRequestHeaders.Authorization = Basic(login, password!);
        return client;
    }

    public static HttpClient Admin(WebApplicationFactory<Program> factory) => Client(factory, "admin", KilnFactory.AdminPassword);

    /// <summary>The password <see cref="ApiOnlyKilnFactory.UserWithAsync"/> gives its users.</summary>
    public static string PasswordOf(string login) => login + "-pw-123";

    public static AuthenticationHeaderValue Basic(string login, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));

    public static Task<CimiAnswer> GetAsync(HttpClient client, string path, string? accept = Xml, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, accept: accept, headers: headers);

    public static Task<CimiAnswer> DeleteAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Delete, path, headers: headers);

    /// <summary>Sends a request (a body with its Content-Type when given) and checks the answer.</summary>
    public static async Task<CimiAnswer> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null,
        string? contentType = Xml, string? accept = Xml, IEnumerable<(string Name, string Value)>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await client.SendAsync(request);
        var answer = new CimiAnswer(response, await response.Content.ReadAsByteArrayAsync());
        Check(answer);
        return answer;
    }

    /// <summary>What holds for every answer under /cimi (see <see cref="CimiAnswer"/>).</summary>
    public static void Check(CimiAnswer answer)
    {
        Assert.True(answer.Header(VersionHeader) == SpecVersion, $"{VersionHeader} is '{answer.Header(VersionHeader)}' on {answer}");
        if (answer.Body.Length == 0)
            return;
        Assert.True(answer.IsXml || answer.IsJson, $"Content-Type must be exactly {Xml} or {Json}: {answer}");
        var status = ((int)answer.Status).ToString(CultureInfo.InvariantCulture);
        if (answer.IsXml)
        {
            if ((int)answer.Status >= 400)
            {
                var error = answer.Xml;
                Assert.Equal(KilnNs + "error", error.Name);
                Assert.Equal(status, error.Element(KilnNs + "status")?.Value);
                Assert.False(string.IsNullOrWhiteSpace(error.Element(KilnNs + "message")?.Value), answer.Text);
            }
            else
            {
                var problems = CimiSchema.Validate(answer.Body, allowResourceUriOnSingleResource: true);
                Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + answer.Text);
            }
        }
        else
        {
            var json = answer.Json;
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            if ((int)answer.Status >= 400)
            {
                Assert.Equal((int)answer.Status, json.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()), answer.Text);
            }
        }
    }

    /// <summary>A MachineImage create body (the seed's shape) that imports from <paramref name="url"/>.</summary>
    public static string CreateBody(string url, string? name = "imported", string? description = null, params (string Key, string Value)[] properties)
    {
        var element = new XElement(Ns + "MachineImage");
        if (name is not null)
            element.Add(new XElement(Ns + "name", name));
        if (description is not null)
            element.Add(new XElement(Ns + "description", description));
        foreach (var (key, value) in properties)
            element.Add(new XElement(Ns + "property", new XAttribute("name", key), value));
        element.Add(new XElement(Ns + "type", "IMAGE"), new XElement(Ns + "imageLocation", url));
        return element.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Creates an image through CIMI (an import: 202) and returns its answer.</summary>
    public static async Task<CimiAnswer> CreateAsync(HttpClient client, string url = NowhereUrl, string? name = "imported", string? description = null,
        params (string Key, string Value)[] properties) =>
        (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(url, name, description, properties))).Expect(HttpStatusCode.Accepted);

    /// <summary>Creates an image through CIMI and returns its id (the last segment of its href).</summary>
    public static async Task<long> CreateIdAsync(HttpClient client, string url = NowhereUrl, string? name = "imported", string? description = null,
        params (string Key, string Value)[] properties) =>
        IdOf((await CreateAsync(client, url, name, description, properties)).Xml.Element(Ns + "id")!.Value);

    public static long IdOf(string href) => long.Parse(href[(href.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

    public static string ImagePath(long id) => "/cimi/machine_images/" + id.ToString(CultureInfo.InvariantCulture);

    public static string ImageHref(long id) => MachineImages + "/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A relative path from an absolute href of the service.</summary>
    public static string PathOf(string href) => new Uri(href).PathAndQuery;

    /// <summary>Child element text of a CIMI element (null when absent).</summary>
    public static string? Value(XElement element, string name) => element.Element(Ns + name)?.Value;

    /// <summary>The properties of a MachineImage or Job element (XML <c>property name=".."</c>).</summary>
    public static Dictionary<string, string> Properties(XElement element) =>
        element.Elements(Ns + "property").ToDictionary(p => (string)p.Attribute("name")!, p => p.Value, StringComparer.Ordinal);

    /// <summary>The MachineImage entries of a collection document.</summary>
    public static List<XElement> Entries(XElement collection) => [.. collection.Elements(Ns + "MachineImage")];

    public static List<string> Names(XElement collection) => [.. Entries(collection).Select(e => Value(e, "name")!)];

    /// <summary>The image ids the UForge user view (GET /api/users/{login}/images) lists.</summary>
    public static async Task<List<long>> UForgeImageIdsAsync(HttpClient uforgeClient, string login = "admin")
    {
        using var response = await uforgeClient.GetAsync($"/api/users/{login}/images");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        // <ns0:images><images><image>..</image></images></ns0:images>
        return [.. ValidUForge.Parse(text).Root!.Descendants("image").Where(i => i.Parent?.Name == "images").Select(ApiOnlyKilnFactory.DbId)];
    }

    /// <summary>Polls until <paramref name="condition"/> holds (60 s at most).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited 60 s for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls a job through CIMI until it is no longer RUNNING; returns its last document.</summary>
    public static async Task<XElement> WaitForJobEndAsync(HttpClient client, string jobHref)
    {
        XElement? job = null;
        await WaitUntilAsync(async () =>
        {
            job = (await GetAsync(client, PathOf(jobHref))).Expect(HttpStatusCode.OK).Xml;
            return Value(job, "state") != "RUNNING";
        }, $"job {jobHref} to end");
        return job!;
    }
}
