using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>A body never gets a DTD processed, an entity expanded, a file or URL fetched, or more than its limit read.</summary>
public sealed class BodySecurityTests : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string secretFile = Path.GetTempFileName();

    public BodySecurityTests()
    {
        listener.Start();
        File.WriteAllText(secretFile, "kiln-secret-9c2e");
    }

    private string ListenerUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/evil";

    [Fact]
    public void Billion_laughs_is_refused_at_once()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE MachineImage [
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
            <MachineImage><name>&lol9;</name></MachineImage>
            """;
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate(body));

        Assert.Equal("A DTD (<!DOCTYPE ...>) is not accepted in a request body.", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_external_entity_naming_a_file_is_refused_without_reading_it()
    {
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE MachineImage [<!ENTITY secret SYSTEM "file://{secretFile}">]>
            <MachineImage><name>&secret;</name></MachineImage>
            """;

        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate(body));

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kiln-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<!DOCTYPE MachineImage [<!ENTITY remote SYSTEM "{0}">]><MachineImage><name>&remote;</name></MachineImage>""")]
    [InlineData("""<!DOCTYPE MachineImage SYSTEM "{0}"><MachineImage/>""")]
    [InlineData("""<!DOCTYPE MachineImage [<!ENTITY % remote SYSTEM "{0}"> %remote;]><MachineImage/>""")]
    public async Task An_external_entity_or_dtd_naming_a_url_is_refused_without_a_connection(string template)
    {
        var body = string.Format(CultureInfo.InvariantCulture, template, ListenerUrl);

        Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate(body));

        await Task.Delay(100);
        Assert.False(listener.Pending(), "the reader connected to the URL of the entity");
    }

    [Fact]
    public void An_undeclared_entity_is_refused_as_malformed()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<MachineImage><name>&secret;</name></MachineImage>"));

        Assert.StartsWith("The body is not well-formed XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_xml_body_over_the_limit_is_refused_for_its_size()
    {
        var body = "<MachineImage><description>" + new string('x', 2000) + "</description></MachineImage>";
        using var stream = Bodies.Body(body);

        var error = Assert.Throws<CimiFormatException>(() => CimiXml.ReadMachineImageCreate(stream, 1000));

        Assert.True(error.IsTooLarge);
        Assert.Equal("The body is larger than 1000 bytes.", error.Message);
    }

    [Fact]
    public async Task A_streamed_body_over_the_limit_is_refused_after_reading_little_more_than_the_limit()
    {
        using var endless = new AsyncOnlyStream(new EndlessStream());

        var error = await Assert.ThrowsAsync<CimiFormatException>(() => CimiJson.ReadMachineImageCreateAsync(endless, 100_000));

        Assert.True(error.IsTooLarge);
    }

    [Fact]
    public void A_body_of_exactly_the_limit_is_read()
    {
        var body = Encoding.UTF8.GetBytes("""{"name": "web"}""");

        Assert.Equal("web", CimiJson.ReadMachineImageCreate(new MemoryStream(body), body.Length).Name);
    }

    [Fact]
    public void Json_nested_beyond_any_body_is_refused()
    {
        var deep = """{"properties": """ + new string('[', 100) + new string(']', 100) + "}";

        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate(deep));

        Assert.StartsWith("The body is not well-formed JSON", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        listener.Dispose();
        File.Delete(secretFile);
    }

    /// <summary>Never ends: a client that keeps sending.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
