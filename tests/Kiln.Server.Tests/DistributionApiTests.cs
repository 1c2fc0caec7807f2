using System.Net;
using System.Xml.Linq;
using Kiln.Server.Tests.Support;

namespace Kiln.Server.Tests;

public sealed class DistributionApiTests : IClassFixture<KilnFactory>
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private readonly KilnFactory _kiln;

    public DistributionApiTests(KilnFactory kiln) => _kiln = kiln;

    [Theory]
    [InlineData("/api/distributions")]
    [InlineData("/api/users/admin/distros")]
    public async Task Distributions_list_debian_12_with_links_to_profiles_and_packages(string path)
    {
        var document = await GetValidAsync(path);

        var debian = document.Root!.Descendants("distribution").Single();
        Assert.Equal("Debian", debian.Element("name")!.Value);
        Assert.Equal("12", debian.Element("version")!.Value);
        Assert.Equal("distributions/1/profiles", debian.Element("baseProfilesUri")!.Value);
    }

    [Fact]
    public async Task Profiles_are_linux_profiles_sent_with_xsi_type()
    {
        var document = await GetValidAsync("/api/distributions/1/profiles");

        var profiles = document.Root!.Descendants("distribProfile").ToList();
        Assert.Equal(["minimal", "standard"], profiles.Select(p => p.Element("name")!.Value));
        Assert.All(profiles, p => Assert.EndsWith("LinuxProfile", p.Attribute(Xsi + "type")!.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_distribution_answers_404()
    {
        using var client = _kiln.Admin();

        using var response = await client.GetAsync(new Uri("/api/distributions/99", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        ValidUForge.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Package_search_reads_the_releases_signed_index()
    {
        var document = await GetValidAsync("/api/distributions/1/pkgs?query=name=='jq'");

        var package = Assert.Single(document.Root!.Descendants("pkg"));
        Assert.Equal("jq", package.Element("name")!.Value);
        Assert.StartsWith("1.6", package.Element("version")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_formats_map_uforge_names_to_image_formats()
    {
        var document = await GetValidAsync("/api/users/admin/targetformats");

        var formats = document.Root!.Descendants("targetFormat").ToDictionary(t => t.Element("name")!.Value);
        Assert.Equal("vbox", formats["VirtualBox"].Element("format")!.Element("name")!.Value);
        Assert.Equal("azure", formats["Microsoft Azure"].Element("format")!.Element("name")!.Value);
        Assert.Equal("cloud", formats["OpenStack QCOW2"].Element("type")!.Value);
        Assert.Contains("QCOW2", formats.Keys);
    }

    private async Task<XDocument> GetValidAsync(string path)
    {
        using var client = _kiln.Admin();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ValidUForge.Parse(await response.Content.ReadAsStringAsync());
    }
}
