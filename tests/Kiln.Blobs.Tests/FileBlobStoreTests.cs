using System.Security.Cryptography;
using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>The contract on files, and what is particular to files: layout, modes, metadata in extended attributes.</summary>
public sealed partial class FileBlobStoreTests : BlobStoreContract
{
    private const int MiB = 1024 * 1024;
    private const UnixFileMode BlobMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private readonly TempDirectory _root = new();

    protected override IBlobStore CreateStore(TimeProvider time) => new FileBlobStore(new FileBlobStoreOptions { RootDirectory = _root.Path }, time);

    protected override void AssertNoLeftovers() => Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Combine(".tmp")));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _root.Dispose();
        base.Dispose(disposing);
    }

    private FileBlobStore Open(string root) => new(new FileBlobStoreOptions { RootDirectory = root }, Time);

    [Fact]
    public async Task A_blob_is_one_plain_file_of_mode_0640_under_blobs()
    {
        var store = Open(_root.Path);
        var content = GeneratedStream.Bytes(5000, seed: 1);

        await store.PutAsync("images/42/disk.qcow2", new MemoryStream(content), default);

        var file = _root.Combine("blobs", "images", "42", "_disk.qcow2");
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        Assert.Equal(BlobMode, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Deleting_the_last_blob_of_a_directory_removes_the_directories_it_leaves_empty()
    {
        var store = Open(_root.Path);
        await store.PutAsync("images/42/logs/build.log", Text("log"), default);
        await store.PutAsync("images/7/disk.qcow2", Text("disk"), default);

        await store.DeleteAsync("images/42/logs/build.log", default);

        Assert.False(Directory.Exists(_root.Combine("blobs", "images", "42")));
        Assert.True(Directory.Exists(_root.Combine("blobs", "images", "7")));
        Assert.Equal(1, await store.DeletePrefixAsync("images/", default));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Combine("blobs")));
    }

    [Fact]
    public async Task A_blob_file_without_its_metadata_gets_it_derived_from_its_bytes()
    {
        var store = Open(_root.Path);
        var content = GeneratedStream.Bytes(70_000, seed: 11);
        var file = _root.WriteFile("blobs/restored/_disk.raw", content); // copied back without extended attributes
        var modified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(file, modified.UtcDateTime);

        var info = (await store.GetInfoAsync("restored/disk.raw", default))!;

        Assert.Equal(new BlobInfo("restored/disk.raw", 70_000, Convert.ToHexStringLower(SHA256.HashData(content)), modified), info);
        Assert.Equal([info], await ListAsync(Open(_root.Path), "restored/"));
    }

    [Fact]
    public async Task A_blob_file_changed_behind_the_stores_back_gets_its_metadata_derived_again()
    {
        var store = Open(_root.Path);
        await store.PutAsync("k", Text("before"), default);
        var file = _root.Combine("blobs", "_k");
        await File.AppendAllTextAsync(file, " and after");

        var info = (await store.GetInfoAsync("k", default))!;

        Assert.Equal(16, info.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("before and after"u8)), info.Sha256);
    }

    [Fact]
    public async Task Files_the_store_did_not_make_are_not_blobs()
    {
        var store = Open(_root.Path);
        await store.PutAsync("images/42/disk.qcow2", Text("x"), default);
        _root.WriteFile("blobs/README", [1]);
        _root.WriteFile("blobs/images/_.hidden", [1]);
        _root.WriteFile("blobs/.git/_config", [1]);
        _root.WriteFile("blobs/images/42/_a b", [1]);
        File.CreateSymbolicLink(_root.Combine("blobs", "images", "_passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(_root.Combine("blobs", "etc"), "/etc");

        Assert.Equal(["images/42/disk.qcow2"], await KeysAsync(store, ""));
    }
}
