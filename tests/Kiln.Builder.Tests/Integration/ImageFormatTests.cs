using System.Security.Cryptography;
using System.Text.Json;

namespace Kiln.Builder.Tests.Integration;

[Collection(ImageBuilds.Name)]
public sealed class ImageFormatTests(ImageBuildFixture fixture)
{
    private const long DiskBytes = 2048L * 1024 * 1024;

    [Theory]
    [InlineData("raw", "raw")]
    [InlineData("qcow2", "qcow2")]
    [InlineData("vmdk", "vmdk")]
    [InlineData("vdi", "vdi")]
    [InlineData("vhd", "vpc")]
    [InlineData("vhdx", "vhdx")]
    [InlineData("ova", "vmdk")]
    public async Task Each_format_has_its_qemu_format_and_the_disk_size_and_is_identical_to_the_raw_disk(string format, string qemuFormat)
    {
        var image = await DiskOf(format);

        using var info = JsonDocument.Parse(await HostTool.RunAsync("qemu-img", "info", "--output=json", "-f", qemuFormat, image));
        Assert.Equal(qemuFormat, info.RootElement.GetProperty("format").GetString());
        Assert.Equal(DiskBytes, info.RootElement.GetProperty("virtual-size").GetInt64());
        if (qemuFormat == "vmdk")
            Assert.Equal("streamOptimized", info.RootElement.GetProperty("format-specific").GetProperty("data").GetProperty("create-type").GetString());

        var compare = await HostTool.RunAsync("qemu-img", "compare", "-f", "raw", "-F", qemuFormat, fixture.BiosArtefact("raw"), image);
        Assert.Contains("Images are identical", compare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_tarball_holds_the_customized_tree()
    {
        var tarball = fixture.BiosArtefact("tar.gz");
        var hostname = await HostTool.RunAsync("tar", "-xzOf", tarball, "./etc/hostname");
        Assert.Equal("kilntest-host\n", hostname);
        var listing = await HostTool.RunAsync("tar", "-tzvf", tarball, "--numeric-owner", "./usr/bin/jq", "./etc/shadow");
        Assert.Contains("0/", listing, StringComparison.Ordinal);
        Assert.Contains("./usr/bin/jq", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_artefact_reports_its_real_size_and_sha256()
    {
        Assert.Equal(ImageBuildFixture.AllFormats.Order(), fixture.Bios.Artefacts.Select(a => a.Format).Order());
        foreach (var artefact in fixture.Bios.Artefacts.Concat(fixture.Uefi.Artefacts))
        {
            Assert.Equal(new FileInfo(artefact.Path).Length, artefact.SizeBytes);
            await using var stream = File.OpenRead(artefact.Path);
            Assert.Equal(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)), artefact.Sha256);
        }
    }

    [Fact]
    public void Output_directory_holds_exactly_the_artefacts()
    {
        var expected = fixture.Bios.Artefacts.Select(a => Path.GetFileName(a.Path)).Order();
        Assert.Equal(expected, Directory.EnumerateFileSystemEntries(fixture.BiosOutput).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(fixture.Options.WorkDirectory, "build-*"));
    }

    [Fact]
    public void Second_build_of_the_same_base_reuses_the_cache()
    {
        Assert.Equal(fixture.Bios.BaseKey, fixture.Uefi.BaseKey);
        Assert.True(fixture.Uefi.BaseCacheHit);
    }

    [Fact]
    public void Progress_moves_through_every_stage_in_order_and_ends_at_100()
    {
        var updates = fixture.BiosProgress.ToList();
        Assert.Equal(["bootstrap", "customize", "disk", "convert", "verify", "package", "checksum"], updates.Select(u => u.Stage).Distinct());
        Assert.True(updates.Zip(updates.Skip(1)).All(p => p.First.Percent <= p.Second.Percent));
        Assert.Equal(100, updates[^1].Percent);
    }

    private async Task<string> DiskOf(string format)
    {
        var artefact = fixture.BiosArtefact(format);
        return format == "ova" ? await OvaFiles.ExtractDiskAsync(artefact, Path.Combine(ImageBuildFixture.Root, "ova-bios")) : artefact;
    }
}
