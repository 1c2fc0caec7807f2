using Kiln.Builder.Stages;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class BootPartitionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _tree;

    public BootPartitionTests()
    {
        _tree = _temp.Combine("tree");
        _temp.WriteFile("tree/boot/vmlinuz-6.1.0-28-amd64", "kernel");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void KernelFile_follows_a_relative_top_level_link_into_the_tree()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "boot/vmlinuz-6.1.0-28-amd64");

        Assert.Equal(Path.Combine(_tree, "boot/vmlinuz-6.1.0-28-amd64"), BootPartition.KernelFile(_tree, "/vmlinuz"));
    }

    [Fact]
    public void KernelFile_resolves_an_absolute_link_inside_the_tree_not_on_the_host()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "/boot/vmlinuz-6.1.0-28-amd64");

        Assert.Equal(Path.Combine(_tree, "boot/vmlinuz-6.1.0-28-amd64"), BootPartition.KernelFile(_tree, "/vmlinuz"));
    }

    [Fact]
    public void KernelFile_refuses_a_link_climbing_out_of_the_tree()
    {
        _temp.WriteFile("host-kernel", "not the image's");
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "../host-kernel");

        var error = Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));

        Assert.Contains("points at ../host-kernel, which is not a file in the image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelFile_refuses_an_absolute_link_to_a_file_only_the_host_has()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "/etc/hostname");

        Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));
    }

    [Fact]
    public void KernelFile_refuses_a_link_to_a_directory()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "boot");

        Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));
    }

    [Fact]
    public void KernelFile_says_when_the_image_has_no_kernel_link()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/initrd.img"));

        Assert.Equal("the image has no /initrd.img (is a kernel installed?)", error.Message);
    }
}
