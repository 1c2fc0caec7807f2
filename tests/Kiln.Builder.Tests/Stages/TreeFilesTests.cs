using Kiln.Builder.Stages;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class TreeFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _tree;

    public TreeFilesTests()
    {
        _tree = _temp.Combine("tree");
        Directory.CreateDirectory(_tree);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_creates_the_file_and_its_directories_with_the_mode()
    {
        TreeFiles.Write(_tree, "/usr/lib/kiln/run", "#!/bin/sh\n", TreeFiles.Executable);

        var path = Path.Combine(_tree, "usr/lib/kiln/run");
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(path));
        Assert.Equal(TreeFiles.Executable, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_replaces_an_existing_file_and_applies_the_new_mode()
    {
        TreeFiles.Write(_tree, "/etc/shadow", "old", TreeFiles.Executable);

        TreeFiles.Write(_tree, "/etc/shadow", "new", TreeFiles.ReadOnlyPrivate);

        Assert.Equal("new", File.ReadAllText(Path.Combine(_tree, "etc/shadow")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(_tree, "etc/shadow")));
    }

    [Fact]
    public void Writing_over_a_symlink_pointing_outside_the_tree_replaces_the_link_and_leaves_its_target_alone()
    {
        var outside = _temp.WriteFile("host/etc/localtime", "host zone");
        Directory.CreateDirectory(Path.Combine(_tree, "etc"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/localtime"), outside);

        TreeFiles.Write(_tree, "/etc/localtime", "image zone");

        Assert.Equal("host zone", File.ReadAllText(outside));
        Assert.Null(new FileInfo(Path.Combine(_tree, "etc/localtime")).LinkTarget);
        Assert.Equal("image zone", File.ReadAllText(Path.Combine(_tree, "etc/localtime")));
    }

    [Fact]
    public void Writing_over_a_dangling_symlink_never_creates_its_target()
    {
        var outside = _temp.Combine("host/created-through-link");
        Directory.CreateDirectory(Path.Combine(_tree, "etc"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/motd"), outside);

        TreeFiles.Write(_tree, "/etc/motd", "hello");

        Assert.False(Path.Exists(outside));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(_tree, "etc/motd")));
    }

    [Fact]
    public void Symlink_replaces_a_file_with_a_link_to_the_given_target()
    {
        TreeFiles.Write(_tree, "/etc/localtime", "a file");

        TreeFiles.Symlink(_tree, "/etc/localtime", "/usr/share/zoneinfo/Europe/Paris");

        Assert.Equal("/usr/share/zoneinfo/Europe/Paris", new FileInfo(Path.Combine(_tree, "etc/localtime")).LinkTarget);
    }

    [Fact]
    public void Remove_deletes_a_file_or_a_link_and_ignores_a_missing_path()
    {
        var file = _temp.WriteFile("tree/var/lib/dbus/machine-id", "1234");
        var link = Path.Combine(_tree, "link");
        File.CreateSymbolicLink(link, "/nowhere");

        TreeFiles.Remove(file);
        TreeFiles.Remove(link);
        TreeFiles.Remove(Path.Combine(_tree, "missing"));

        Assert.False(Path.Exists(file));
        Assert.Null(new FileInfo(link).LinkTarget);
    }

    [Theory]
    [InlineData("etc/hostname")]
    [InlineData("/etc/../../outside")]
    [InlineData("/../outside")]
    [InlineData("/etc/./hostname")]
    [InlineData("")]
    public void Relative_or_unnormalized_paths_are_refused(string pathInImage)
    {
        var error = Assert.Throws<ArgumentException>(() => TreeFiles.Write(_tree, pathInImage, "x"));

        Assert.Contains("is not an absolute, normalized path in the image", error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(_temp.Combine("outside")));
    }

    [Fact]
    public void Resolve_and_Exists_look_inside_the_tree()
    {
        TreeFiles.Write(_tree, "/etc/hostname", "web\n");

        Assert.Equal(_tree + "/etc/hostname", TreeFiles.Resolve(_tree, "/etc/hostname"));
        Assert.True(TreeFiles.Exists(_tree, "/etc/hostname"));
        Assert.False(TreeFiles.Exists(_tree, "/etc/passwd")); // present on the host, not in the tree
    }
}
