using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kiln.UForge.Tests.Support;

namespace Kiln.UForge.Tests;

/// <summary>A request body never gets a DTD processed, an entity expanded, or a file or URL fetched.</summary>
public sealed class XmlSecurityTests : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string secretFile = Path.GetTempFileName();

    public XmlSecurityTests()
    {
        listener.Start();
        File.WriteAllText(secretFile, "kiln-secret-4a7f");
    }

    private string ListenerUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/evil";

    [Fact]
    public async Task Billion_laughs_is_refused_at_once()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE image [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><name>&lol9;</name></ns0:image>
            """;
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(body));

        Assert.Equal("A DTD (<!DOCTYPE ...>) is not accepted in a request body.", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_external_entity_naming_a_file_is_refused_without_reading_it()
    {
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE image [<!ENTITY secret SYSTEM "file://{secretFile}">]>
            <ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><name>&secret;</name></ns0:image>
            """;

        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(body));

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kiln-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<!DOCTYPE image [<!ENTITY remote SYSTEM "{0}">]><ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><name>&remote;</name></ns0:image>""")]
    [InlineData("""<!DOCTYPE image SYSTEM "{0}"><ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"/>""")]
    [InlineData("""<!DOCTYPE image [<!ENTITY % remote SYSTEM "{0}"> %remote;]><ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"/>""")]
    public async Task An_external_entity_or_dtd_naming_a_url_is_refused_without_a_connection(string template)
    {
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ListenerUrl);

        await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(body));

        await Task.Delay(100);
        Assert.False(listener.Pending(), "the reader connected to the URL of the entity");
    }

    public void Dispose()
    {
        listener.Dispose();
        File.Delete(secretFile);
    }
}
