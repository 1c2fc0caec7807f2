using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Kiln.Catalog;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Server.Tests.Support;

/// <summary>
/// The service as an API-only process (<c>BuildConcurrency</c> 0: no build ever starts, a generated image stays
/// queued and its job waits in the queue), with the steps image tests share: an appliance with an OS profile, a
/// generation. Tests move images on as a worker would, through <see cref="BuiltImages"/>.
/// </summary>
public sealed class ApiOnlyKilnFactory : KilnFactory
{
    public const string Ns = "http://www.usharesoft.com/uforge";

    /// <summary>What hammr sends: the target format it found by name in GET /users/{uid}/targetformats.</summary>
    public const string Qcow2Request =
        $"""<ns0:image xmlns:ns0="{Ns}"><compress>true</compress><targetFormat><name>QCOW2</name><format><name>qcow2</name></format><type>virtual</type></targetFormat></ns0:image>""";

    public ICatalogStore Catalog => Services.GetRequiredService<ICatalogStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kiln:BuildConcurrency", "0");
        builder.UseSetting("Kiln:CheckPackages", "false");
    }

    /// <summary>A new appliance of <paramref name="login"/>, with the Debian minimal OS profile unless told otherwise.</summary>
    public static async Task<long> CreateApplianceAsync(HttpClient client, string name, string login = "admin", bool withOsProfile = true)
    {
        using var created = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/{login}/appliances",
            $"""<ns0:appliance xmlns:ns0="{Ns}"><name>{name}</name><version>1.0</version></ns0:appliance>""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = long.Parse(XDocument.Parse(await created.Content.ReadAsStringAsync()).Root!.Element("dbId")!.Value, CultureInfo.InvariantCulture);
        if (withOsProfile)
        {
            using var profile = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/{login}/appliances/{id}/osprofile",
                $"""<ns0:linuxProfile xmlns:ns0="{Ns}"><name>minimal</name><standardProfileUri>distributions/1/profiles/1</standardProfileUri></ns0:linuxProfile>""");
            Assert.True(profile.StatusCode == HttpStatusCode.Created, await profile.Content.ReadAsStringAsync());
        }
        return id;
    }

    /// <summary>Generates an image of the appliance (201 expected) and returns its ticket, validated.</summary>
    public static async Task<XElement> GenerateAsync(HttpClient client, long applianceId, string body = Qcow2Request, string login = "admin")
    {
        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/{login}/appliances/{applianceId}/images", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return ValidUForge.Parse(text).Root!;
    }

    public static async Task<long> GenerateIdAsync(HttpClient client, long applianceId, string body = Qcow2Request, string login = "admin") =>
        DbId(await GenerateAsync(client, applianceId, body, login));

    public static long DbId(XElement element) => long.Parse(element.Element("dbId")!.Value, CultureInfo.InvariantCulture);

    /// <summary>Asserts a non-2xx answer: the code, a valid uforgeError document carrying it, and (when given) a word of its message.</summary>
    public static async Task<XElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string? mentioned = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        var error = ValidUForge.Parse(text).Root!;
        Assert.Equal("uforgeError", error.Name.LocalName);
        Assert.Equal(((int)expected).ToString(CultureInfo.InvariantCulture), error.Element("statusCode")!.Value);
        if (mentioned is not null)
            Assert.Contains(mentioned, error.Element("localizedErrorMsg")!.Element("message")!.Value, StringComparison.OrdinalIgnoreCase);
        return error;
    }
}
