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

    [Fact]
    public void Writing_under_a_directory_link_to_an_absolute_host_path_writes_inside_the_tree()
    {
        var host = _temp.Combine("host", "conf.d"); // an absolute directory outside the tree, as the link names it
        Directory.CreateDirectory(host);
        Directory.CreateDirectory(Path.Combine(_tree, "etc"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/foo"), host);

        TreeFiles.Write(_tree, "/etc/foo/bar", "image");

        Assert.Empty(Directory.EnumerateFileSystemEntries(host));
        Assert.Equal("image", File.ReadAllText(_tree + host + "/bar"));
        Assert.Equal(_tree + host + "/bar", TreeFiles.Resolve(_tree, "/etc/foo/bar"));
        Assert.Equal(host, new FileInfo(Path.Combine(_tree, "etc/foo")).LinkTarget); // the link itself is kept
    }

    [Fact]
    public void Symlink_under_a_directory_link_to_an_absolute_host_path_is_made_inside_the_tree()
    {
        var host = _temp.Combine("host", "systemd");
        Directory.CreateDirectory(host);
        Directory.CreateDirectory(Path.Combine(_tree, "etc"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/systemd"), host);

        TreeFiles.Symlink(_tree, "/etc/systemd/unit.service", "/dev/null");

        Assert.Empty(Directory.EnumerateFileSystemEntries(host));
        Assert.Equal("/dev/null", new FileInfo(_tree + host + "/unit.service").LinkTarget);
    }

    [Fact]
    public void A_link_target_with_many_dot_dots_stops_at_the_tree_root()
    {
        Directory.CreateDirectory(_temp.Combine("outside", "dir")); // what '../../../outside/dir' would reach from tree/usr/lib on the host
        Directory.CreateDirectory(Path.Combine(_tree, "usr/lib"));
        File.CreateSymbolicLink(Path.Combine(_tree, "usr/lib/escape"), "../../../../../../../../outside/dir");

        TreeFiles.Write(_tree, "/usr/lib/escape/file", "image");

        Assert.Equal(_tree + "/outside/dir", TreeFiles.ResolveTarget(_tree, "/usr/lib/escape"));
        Assert.Equal("image", File.ReadAllText(Path.Combine(_tree, "outside/dir/file")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("outside", "dir")));
    }

    [Fact]
    public void A_relative_link_target_is_resolved_from_the_links_own_directory()
    {
        TreeFiles.Write(_tree, "/usr/share/doc/readme", "doc");
        Directory.CreateDirectory(Path.Combine(_tree, "etc/alternatives"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/alternatives/readme"), "../../usr/share/doc/readme");

        Assert.Equal(_tree + "/usr/share/doc/readme", TreeFiles.ResolveTarget(_tree, "/etc/alternatives/readme"));
        Assert.Equal(_tree + "/etc/alternatives/readme", TreeFiles.Resolve(_tree, "/etc/alternatives/readme"));
    }

    [Fact]
    public void A_link_loop_throws_an_IOException()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(_tree, "b"), "/a");

        Assert.Throws<IOException>(() => TreeFiles.ResolveTarget(_tree, "/a"));
        Assert.Throws<IOException>(() => TreeFiles.Exists(_tree, "/a"));
        Assert.Throws<IOException>(() => TreeFiles.Write(_tree, "/a/file", "x"));
        Assert.Throws<IOException>(() => TreeFiles.Resolve(_tree, "/b/file"));
    }

    [Fact]
    public void A_loop_at_the_last_component_is_not_followed_when_writing()
    {
        File.CreateSymbolicLink(Path.Combine(_tree, "self"), "/self");

        TreeFiles.Write(_tree, "/self", "now a file");

        Assert.Null(new FileInfo(Path.Combine(_tree, "self")).LinkTarget);
        Assert.Equal("now a file", File.ReadAllText(Path.Combine(_tree, "self")));
    }

    [Theory]
    [InlineData(40, false)]
    [InlineData(41, true)]
    public void At_most_40_links_are_followed(int links, bool throws)
    {
        TreeFiles.Write(_tree, "/file", "end");
        for (var i = 0; i < links; i++)
            File.CreateSymbolicLink(Path.Combine(_tree, $"l{i}"), i == links - 1 ? "/file" : $"/l{i + 1}");

        if (throws)
            Assert.Throws<IOException>(() => TreeFiles.ResolveTarget(_tree, "/l0"));
        else
            Assert.Equal(_tree + "/file", TreeFiles.ResolveTarget(_tree, "/l0"));
    }

    [Fact]
    public void Exists_follows_links_inside_the_tree_not_on_the_host()
    {
        Directory.CreateDirectory(Path.Combine(_tree, "etc"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/localtime"), "/usr/share/zoneinfo/Etc/UTC"); // exists on the host
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/os-release"), "../usr/lib/os-release");
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/host-passwd"), "/etc/passwd");

        Assert.False(TreeFiles.Exists(_tree, "/etc/localtime"));
        Assert.False(TreeFiles.Exists(_tree, "/etc/os-release"));
        Assert.False(TreeFiles.Exists(_tree, "/etc/host-passwd"));

        TreeFiles.Write(_tree, "/usr/share/zoneinfo/Etc/UTC", "TZif2");
        TreeFiles.Write(_tree, "/usr/lib/os-release", "ID=debian\n");

        Assert.True(TreeFiles.Exists(_tree, "/etc/localtime"));
        Assert.True(TreeFiles.Exists(_tree, "/etc/os-release"));
        Assert.Equal(_tree + "/usr/share/zoneinfo/Etc/UTC", TreeFiles.ResolveTarget(_tree, "/etc/localtime"));
    }

    [Fact]
    public void Exists_follows_a_directory_link_to_an_absolute_path_inside_the_tree()
    {
        var host = _temp.Combine("host", "ssh");
        _temp.WriteFile("host/ssh/sshd_config", "host's");
        Directory.CreateDirectory(Path.Combine(_tree, "etc"));
        File.CreateSymbolicLink(Path.Combine(_tree, "etc/ssh"), host);

        Assert.False(TreeFiles.Exists(_tree, "/etc/ssh/sshd_config"));

        _temp.WriteFile("tree" + host + "/sshd_config", "image's");

        Assert.True(TreeFiles.Exists(_tree, "/etc/ssh/sshd_config"));
        Assert.Equal(_tree + host + "/sshd_config", TreeFiles.ResolveTarget(_tree, "/etc/ssh/sshd_config"));
    }
}
