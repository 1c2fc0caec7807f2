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
    public void KernelFile_stops_a_link_climbing_out_of_the_tree_at_its_root()
    {
        _temp.WriteFile("host-kernel", "not the image's");
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "../host-kernel");

        var error = Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));

        Assert.Equal("the image has no /vmlinuz file (is a kernel installed?)", error.Message);
        _temp.WriteFile("tree/host-kernel", "the image's"); // '..' at the root stays there, as in the image
        Assert.Equal(Path.Combine(_tree, "host-kernel"), BootPartition.KernelFile(_tree, "/vmlinuz"));
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

        Assert.Equal("the image has no /initrd.img file (is a kernel installed?)", error.Message);
    }

    [Fact]
    public void KernelFile_follows_a_chain_whose_absolute_last_link_is_resolved_in_the_tree()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "boot/vmlinuz-x");
        File.CreateSymbolicLink(Path.Combine(_tree, "boot/vmlinuz-x"), "/etc/hostname"); // the host has one; the tree not yet

        var error = Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));

        Assert.Equal("the image has no /vmlinuz file (is a kernel installed?)", error.Message);
        _temp.WriteFile("tree/etc/hostname", "the image's");
        Assert.Equal(_tree + "/etc/hostname", BootPartition.KernelFile(_tree, "/vmlinuz"));
    }

    [Fact]
    public void KernelFile_resolves_a_directory_link_on_the_way_inside_the_tree()
    {
        var host = _temp.Combine("host", "boot"); // an absolute host directory holding a kernel of the same name
        _temp.WriteFile("host/boot/vmlinuz-6.1.0-28-amd64", "the host's kernel");
        Directory.Delete(Path.Combine(_tree, "boot"), recursive: true);
        File.CreateSymbolicLink(Path.Combine(_tree, "boot"), host);
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "boot/vmlinuz-6.1.0-28-amd64");

        Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));

        _temp.WriteFile("tree" + host + "/vmlinuz-6.1.0-28-amd64", "the image's kernel");
        var kernel = BootPartition.KernelFile(_tree, "/vmlinuz");
        Assert.Equal(_tree + host + "/vmlinuz-6.1.0-28-amd64", kernel);
        Assert.Equal("the image's kernel", File.ReadAllText(kernel));
    }

    [Fact]
    public void KernelFile_refuses_a_dangling_or_looping_link()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "initrd.img"), "boot/initrd.img-missing");
        File.CreateSymbolicLink(Path.Combine(_tree, "vmlinuz"), "vmlinuz");

        Assert.Throws<InvalidOperationException>(() => BootPartition.KernelFile(_tree, "/initrd.img"));
        Assert.Throws<IOException>(() => BootPartition.KernelFile(_tree, "/vmlinuz"));
    }
}
