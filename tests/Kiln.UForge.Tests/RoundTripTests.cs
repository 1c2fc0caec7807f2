using Kiln.UForge.Tests.Support;

namespace Kiln.UForge.Tests;

/// <summary>Every property of every document survives writing and reading, in both formats.</summary>
public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(Samples.Roots), MemberType = typeof(Samples))]
    public async Task Every_document_comes_back_whole_from_xml(string root)
    {
        var type = Samples.TypeOf(root);
        var original = Samples.Full(type);

        var back = await UForgeXml.ReadAsync(new MemoryStream(await Bodies.XmlAsync(original)), type);

        DeepAssert.Equal(original, back);
    }

    [Theory]
    [MemberData(nameof(Samples.Roots), MemberType = typeof(Samples))]
    public async Task Every_document_comes_back_whole_from_json(string root)
    {
        var type = Samples.TypeOf(root);
        var original = Samples.Full(type);

        var back = await UForgeJson.ReadAsync(new MemoryStream(await Bodies.JsonAsync(original)), type);

        DeepAssert.Equal(original, back);
    }

    [Fact]
    public async Task Empty_lists_stay_empty_and_absent_lists_stay_absent()
    {
        var profile = new InstallProfile { Users = [] };

        var fromXml = await UForgeXml.ReadAsync<InstallProfile>(new MemoryStream(await Bodies.XmlAsync(profile)));
        var fromJson = await UForgeJson.ReadAsync<InstallProfile>(new MemoryStream(await Bodies.JsonAsync(profile)));

        Assert.Empty(fromXml.Users!);
        Assert.Null(fromXml.Groups);
        Assert.Empty(fromJson.Users!);
        Assert.Null(fromJson.Groups);
    }

    [Fact]
    public async Task Writing_and_reading_never_block_on_the_stream()
    {
        // ASP.NET Core forbids synchronous I/O on request and response bodies.
        var image = (Image)Samples.Full(typeof(Image));

        foreach (var (write, read) in new (Func<Stream, object, Task>, Func<Stream, Task<object>>)[]
        {
            ((s, d) => UForgeXml.WriteAsync(s, d), s => UForgeXml.ReadAsync(s, typeof(Image))),
            ((s, d) => UForgeJson.WriteAsync(s, d), s => UForgeJson.ReadAsync(s, typeof(Image))),
        })
        {
            var written = new AsyncOnlyStream(new MemoryStream());
            await write(written, image);
            var back = await read(new AsyncOnlyStream(new MemoryStream(written.Inner.ToArray())));
            DeepAssert.Equal(image, back);
        }
    }
}
