using System.Diagnostics;
using System.Security.Cryptography;
using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>Taking over a local file: moved on the same file system, copied across.</summary>
public sealed partial class FileBlobStoreTests
{
    [Fact]
    public async Task PutFile_on_the_same_file_system_moves_the_file_itself()
    {
        var store = Open(_root.Path);
        var file = Scratch.WriteFile("out/disk.qcow2", GeneratedStream.Bytes(MiB, seed: 2));
        using var sameInode = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

        await store.PutFileAsync("images/42/disk.qcow2", file, null, default);

        // A write through a handle opened on the source shows in the blob: it is the same inode, not a copy.
        RandomAccess.Write(sameInode, "moved"u8, 0);
        var blob = _root.Combine("blobs", "images", "42", "_disk.qcow2");
        Assert.Equal("moved"u8.ToArray(), (await File.ReadAllBytesAsync(blob))[..5]);
        Assert.False(File.Exists(file));
        Assert.Equal(BlobMode, File.GetUnixFileMode(blob));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task PutFile_of_a_large_file_with_a_known_sha256_does_not_read_it()
    {
        var store = Open(_root.Path);
        var file = Scratch.Combine("sparse.raw");
        using (var sparse = File.Create(file))
            sparse.SetLength(2L * 1024 * MiB);
        const string vouched = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var clock = Stopwatch.StartNew();

        var info = await store.PutFileAsync("images/42/disk.raw", file, vouched, default);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(2L * 1024 * MiB, info.Size);
        Assert.Equal(vouched, (await store.GetInfoAsync("images/42/disk.raw", default))!.Sha256); // kept: nothing hashed the file
    }

    [Fact]
    public async Task PutFile_across_file_systems_copies_then_deletes_the_source()
    {
        using var other = new TmpfsMount(Scratch.Combine("tmpfs"), "16m");
        var store = Open(_root.Path);
        var content = GeneratedStream.Bytes(3 * MiB, seed: 3);
        var file = Path.Combine(other.Path, "disk.qcow2");
        await File.WriteAllBytesAsync(file, content);

        var info = await store.PutFileAsync("images/42/disk.qcow2", file, null, default);

        Assert.False(File.Exists(file));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(content, await ReadBlobAsync(store, "images/42/disk.qcow2"));
        Assert.Equal(BlobMode, File.GetUnixFileMode(_root.Combine("blobs", "images", "42", "_disk.qcow2")));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task PutFile_across_file_systems_checks_a_known_sha256_and_keeps_everything_on_a_mismatch()
    {
        using var other = new TmpfsMount(Scratch.Combine("tmpfs"), "16m");
        var store = Open(_root.Path);
        var old = await store.PutAsync("images/42/disk.qcow2", Text("previous"), default);
        var file = Path.Combine(other.Path, "disk.qcow2");
        await File.WriteAllBytesAsync(file, GeneratedStream.Bytes(MiB, seed: 4));
        var wrong = GeneratedStream.Sha256(MiB, seed: 5);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.PutFileAsync("images/42/disk.qcow2", file, wrong, default));

        Assert.True(File.Exists(file));
        Assert.Equal(old, await store.GetInfoAsync("images/42/disk.qcow2", default));
        AssertNoLeftovers();
    }
}
