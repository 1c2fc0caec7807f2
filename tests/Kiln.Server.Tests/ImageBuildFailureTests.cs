using System.Xml.Linq;
using Kiln.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Kiln.Server.Tests;

/// <summary>A real build that fails (its Debian mirror does not answer) ends the image in error with the reason; nothing is stored.</summary>
public sealed class ImageBuildFailureTests : IClassFixture<ImageBuildFailureTests.UnreachableMirrorKiln>
{
    private readonly UnreachableMirrorKiln _kiln;

    public ImageBuildFailureTests(UnreachableMirrorKiln kiln) => _kiln = kiln;

    [Fact]
    public async Task A_build_whose_mirror_does_not_answer_ends_in_error_naming_the_mirror()
    {
        using var client = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(client, "unreachable");
        var ticket = await ApiOnlyKilnFactory.GenerateAsync(client, aid);
        var uri = ticket.Element("uri")!.Value;

        var status = await PollAsync(client, uri);

        Assert.Equal("true", status.Element("error")!.Value);
        Assert.Equal("false", status.Element("complete")!.Value);
        Assert.Contains("127.0.0.1:9", status.Element("errorMessage")!.Value + status.Element("detailedErrorMsg")?.Value, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(status.Element("message")!.Value));
        var blobs = Path.Combine(_kiln.DataDirectory, "blobs");
        Assert.DoesNotContain(Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories) : [],
            f => f.Contains("images", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_kiln.DataDirectory, "builds")) &&
            Directory.EnumerateFileSystemEntries(Path.Combine(_kiln.DataDirectory, "builds")).Any());
    }

    private static async Task<XElement> PollAsync(HttpClient client, string uri)
    {
        for (var i = 0; i < 600; i++)
        {
            using var response = await client.GetAsync(new Uri($"/api/{uri}/status", UriKind.Relative));
            var status = ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
            if (status.Element("error")?.Value == "true" || status.Element("complete")?.Value == "true" || status.Element("cancelled")?.Value == "true")
                return status;
            await Task.Delay(100);
        }
        throw new TimeoutException($"image {uri} did not end");
    }

    /// <summary>Builds run, against a mirror on a closed loopback port.</summary>
    public sealed class UnreachableMirrorKiln : KilnFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kiln:Mirror", "http://127.0.0.1:9/debian");
        }
    }
}
