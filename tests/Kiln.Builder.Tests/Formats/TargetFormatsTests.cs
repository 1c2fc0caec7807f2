using Kiln.Builder.Formats;

namespace Kiln.Builder.Tests;

public sealed class TargetFormatsTests
{
    [Fact]
    public void Every_format_has_a_unique_name_and_extension()
    {
        Assert.Equal(8, TargetFormats.All.Count);
        Assert.Equal(TargetFormats.All.Count, TargetFormats.All.Select(f => f.Name.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(TargetFormats.All.Count, TargetFormats.All.Select(f => f.Extension).Distinct().Count());
    }

    [Theory]
    [InlineData("qcow2")]
    [InlineData("QCOW2")]
    [InlineData(" Qcow2 ")]
    public void Find_ignores_case_and_surrounding_spaces(string name)
    {
        Assert.Same(TargetFormats.Qcow2, TargetFormats.Find(name));
    }

    [Fact]
    public void Find_returns_null_for_an_unknown_name()
    {
        Assert.Null(TargetFormats.Find("iso"));
        Assert.Null(TargetFormats.Find(""));
    }

    [Fact]
    public void Vhd_is_qemu_vpc_fixed_with_force_size()
    {
        Assert.Equal("vpc", TargetFormats.Vhd.QemuFormat);
        Assert.Equal("subformat=fixed,force_size=on", TargetFormats.Vhd.QemuOptions);
        Assert.Equal(FormatKind.DiskImage, TargetFormats.Vhd.Kind);
    }

    [Fact]
    public void Vmdk_and_the_ova_disk_are_stream_optimized()
    {
        Assert.Equal(("vmdk", "subformat=streamOptimized"), (TargetFormats.Vmdk.QemuFormat, TargetFormats.Vmdk.QemuOptions));
        Assert.Equal(("vmdk", "subformat=streamOptimized"), (TargetFormats.Ova.QemuFormat, TargetFormats.Ova.QemuOptions));
        Assert.Equal(FormatKind.Ova, TargetFormats.Ova.Kind);
    }

    [Fact]
    public void Only_disk_images_have_a_qemu_format_except_the_ova_which_wraps_one()
    {
        Assert.All(TargetFormats.All.Where(f => f.Kind == FormatKind.DiskImage), f => Assert.NotNull(f.QemuFormat));
        Assert.Null(TargetFormats.TarGz.QemuFormat);
        Assert.Equal(FormatKind.RootTarball, TargetFormats.TarGz.Kind);
        Assert.Equal("tar.gz", TargetFormats.TarGz.ToString());
    }

    [Fact]
    public void The_vmdk_is_the_slowest_disk_conversion()
    {
        var slowest = TargetFormats.All.Where(f => f.Kind == FormatKind.DiskImage).MaxBy(f => f.ConvertWeight);

        Assert.Same(TargetFormats.Vmdk, slowest);
    }
}
