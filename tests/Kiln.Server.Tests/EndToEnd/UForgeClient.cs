using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Kiln.Server.Tests.Support;

namespace Kiln.Server.Tests.EndToEnd;

/// <summary>A UForge client driving Kiln the way hammr does: XML both ways, appliances found by name, statuses polled.</summary>
public sealed class UForgeClient(HttpClient http)
{
    /// <summary>The client's HTTP connection (Basic credentials, Accept XML), for calls beyond the hammr flow.</summary>
    public HttpClient Connection => http;

    private static readonly XNamespace Ns = ValidUForge.Namespace;

    public static HttpClient Http(Uri baseAddress, string login, string password)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        return client;
    }

    /// <summary>Creates the appliance with an OS profile, extra packages and an install profile; returns its id.</summary>
    public async Task<long> CreateApplianceAsync(string name, IReadOnlyList<string> packages, int diskSize = 2048, int memorySize = 768)
    {
        var appliance = await SendAsync(HttpMethod.Post, "api/users/admin/appliances",
            $"""<ns0:appliance xmlns:ns0="{Ns}"><name>{name}</name><version>1.0</version></ns0:appliance>""", HttpStatusCode.Created);
        var id = long.Parse(appliance.Root!.Element("dbId")!.Value, CultureInfo.InvariantCulture);
        var profile = await SendAsync(HttpMethod.Post, $"api/users/admin/appliances/{id}/osprofile",
            $"""<ns0:linuxProfile xmlns:ns0="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns0:LinuxProfile"><name>minimal</name><standardProfileUri>distributions/1/profiles/1</standardProfileUri></ns0:linuxProfile>""",
            HttpStatusCode.Created);
        var osid = profile.Root!.Element("dbId")!.Value;
        await SendAsync(HttpMethod.Put, $"api/users/admin/appliances/{id}/osprofile/{osid}/pkgs",
            $"""<ns0:packages xmlns:ns0="{Ns}"><pkgs>{string.Concat(packages.Select(p => $"<pkg><name>{p}</name></pkg>"))}</pkgs></ns0:packages>""",
            HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"api/users/admin/appliances/{id}/installProfile",
            $"""<ns0:installProfile xmlns:ns0="{Ns}"><diskSize>{diskSize}</diskSize><memorySize>{memorySize}</memorySize><swapSize>128</swapSize></ns0:installProfile>""",
            HttpStatusCode.OK);
        return id;
    }

    /// <summary>hammr's generate: find the appliance by name, the target format by name, then POST the image request.</summary>
    public async Task<XElement> GenerateAsync(string applianceName, string targetFormatName, bool compress = true)
    {
        var found = await GetAsync($"api/users/admin/appliances?query=name=='{applianceName}';version=='1.0'");
        var appliance = Assert.Single(found.Root!.Element("appliances")!.Elements("appliance"));
        var aid = appliance.Element("dbId")!.Value;
        var installProfile = await GetAsync($"api/users/admin/appliances/{aid}/installProfile");
        var formats = await GetAsync("api/users/admin/targetformats");
        var target = formats.Root!.Element("targetFormats")!.Elements("targetFormat").Single(t => t.Element("name")!.Value == targetFormatName);
        var request = new XElement(Ns + "image",
            new XElement("compress", compress ? "true" : "false"),
            new XElement("targetFormat", target.Elements()),
            new XElement("installProfile",
                new XElement("diskSize", installProfile.Root!.Element("diskSize")!.Value),
                new XElement("memorySize", installProfile.Root!.Element("memorySize")!.Value)));
        var image = await SendAsync(HttpMethod.Post, $"api/users/admin/appliances/{aid}/images", request.ToString(SaveOptions.DisableFormatting),
            HttpStatusCode.Created);
        return image.Root!;
    }

    public async Task<XElement> StatusAsync(string imageUri) => (await GetAsync($"api/{imageUri}/status")).Root!;

    /// <summary>Polls the status until <paramref name="until"/> holds (by default: complete, error or cancelled), as hammr does every 2 s.</summary>
    public async Task<XElement> PollAsync(string imageUri, TimeSpan timeout, Func<XElement, bool>? until = null, TimeSpan? every = null)
    {
        until ??= IsFinal;
        var watch = Stopwatch.StartNew();
        XElement? status = null;
        while (watch.Elapsed < timeout)
        {
            status = await StatusAsync(imageUri);
            if (until(status))
                return status;
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(500));
        }
        throw new TimeoutException($"image {imageUri}: no expected status within {timeout}; last: {status}");
    }

    public static bool IsFinal(XElement status) =>
        Flag(status, "complete") || Flag(status, "error") || Flag(status, "cancelled");

    public static bool Flag(XElement status, string name) => status.Element(name)?.Value == "true";

    public static int Percentage(XElement status) => int.Parse(status.Element("percentage")?.Value ?? "0", CultureInfo.InvariantCulture);

    /// <summary>hammr's download: GET /api/{downloadUri} without credentials, into a file.</summary>
    public async Task<string> DownloadAsync(string imageUri, string directory)
    {
        var image = (await GetAsync($"api/{imageUri}")).Root!;
        var downloadUri = image.Element("downloadUri")?.Value ?? throw new InvalidOperationException($"no downloadUri in {image}");
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var response = await anonymous.GetAsync(new Uri("api/" + downloadUri, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(directory, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        await using (var file = File.Create(path))
            await response.Content.CopyToAsync(file);
        Assert.Equal(long.Parse(image.Element("fileSize")!.Value, CultureInfo.InvariantCulture), new FileInfo(path).Length);
        return path;
    }

    public async Task<XDocument> GetAsync(string uri)
    {
        using var response = await http.GetAsync(new Uri(uri, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {uri}: {(int)response.StatusCode}\n{body}");
        return ValidUForge.Parse(body);
    }

    public async Task<XDocument> SendAsync(HttpMethod method, string uri, string? xml, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Relative));
        if (xml is not null)
            request.Content = new StringContent(xml, Encoding.UTF8, "application/xml");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {uri}: {(int)response.StatusCode}, expected {(int)expected}\n{body}");
        return body.Length == 0 ? new XDocument() : ValidUForge.Parse(body);
    }
}
