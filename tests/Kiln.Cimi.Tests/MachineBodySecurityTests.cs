using System.Diagnostics;
using System.Text;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>The machine, configuration, template and action readers are hardened as the MachineImage readers are: no DTD, no entity, no more than the limit.</summary>
public sealed class MachineBodySecurityTests : IDisposable
{
    private readonly string secretFile = Path.GetTempFileName();

    public MachineBodySecurityTests()
    {
        File.WriteAllText(secretFile, "kiln-secret-5d1a");
    }

    [Theory]
    [MemberData(nameof(MachineBodies.XmlReaders), MemberType = typeof(MachineBodies))]
    public void Billion_laughs_is_refused_at_once(string reader)
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE MachineCreate [
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
            <MachineCreate><name>&lol9;</name></MachineCreate>
            """;
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<CimiFormatException>(() => MachineBodies.Read(reader, Bodies.Body(body), Bodies.Limit));

        Assert.Equal("A DTD (<!DOCTYPE ...>) is not accepted in a request body.", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(MachineBodies.XmlReaders), MemberType = typeof(MachineBodies))]
    public void An_external_entity_naming_a_file_is_refused_without_reading_it(string reader)
    {
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE Action [<!ENTITY secret SYSTEM "file://{secretFile}">]>
            <Action><action>&secret;</action></Action>
            """;

        var error = Assert.Throws<CimiFormatException>(() => MachineBodies.Read(reader, Bodies.Body(body), Bodies.Limit));

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kiln-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MachineBodies.XmlReaders), MemberType = typeof(MachineBodies))]
    public void An_undeclared_entity_is_refused_as_malformed(string reader)
    {
        var error = Assert.Throws<CimiFormatException>(() => MachineBodies.Read(reader, Bodies.Body("<Machine><name>&secret;</name></Machine>"), Bodies.Limit));

        Assert.StartsWith("The body is not well-formed XML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MachineBodies.Readers), MemberType = typeof(MachineBodies))]
    public void A_body_over_the_limit_is_refused_for_its_size(string reader)
    {
        var body = reader.StartsWith("xml", StringComparison.Ordinal)
            ? "<Machine><description>" + new string('x', 2000) + "</description></Machine>"
            : "{\"description\": \"" + new string('x', 2000) + "\"}";

        var error = Assert.Throws<CimiFormatException>(() => MachineBodies.Read(reader, Bodies.Body(body), 1000));

        Assert.True(error.IsTooLarge);
        Assert.Equal("The body is larger than 1000 bytes.", error.Message);
    }

    [Theory]
    [MemberData(nameof(MachineBodies.Readers), MemberType = typeof(MachineBodies))]
    public async Task A_streamed_body_over_the_limit_is_refused_asynchronously(string reader)
    {
        using var body = new AsyncOnlyStream(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 50_000))));

        var error = await Assert.ThrowsAsync<CimiFormatException>(() => MachineBodies.ReadAsync(reader, body, 20_000));

        Assert.True(error.IsTooLarge);
    }

    [Theory]
    [MemberData(nameof(MachineBodies.Readers), MemberType = typeof(MachineBodies))]
    public void An_empty_body_is_refused(string reader)
    {
        var error = Assert.Throws<CimiFormatException>(() => MachineBodies.Read(reader, new MemoryStream(), Bodies.Limit));

        Assert.StartsWith("The body is empty: expected ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_nested_beyond_any_body_is_refused()
    {
        var deep = """{"machineTemplate": """ + string.Concat(Enumerable.Repeat("""{"machineConfig": """, 40)) + "{}" + new string('}', 41);

        var error = Assert.Throws<CimiFormatException>(() => MachineBodies.JsonMachine(deep));

        Assert.StartsWith("The body is not well-formed JSON", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(secretFile);
}
