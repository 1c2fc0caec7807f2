using System.Security.Cryptography;
using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>Taking over a finished local file.</summary>
public abstract partial class BlobStoreContract
{
    [Fact]
    public async Task PutFile_takes_over_a_local_file()
    {
        var store = NewStore();
        var content = GeneratedStream.Bytes(MiB + 7, seed: 11);
        var file = Scratch.WriteFile("out/disk.qcow2", content);

        var info = await store.PutFileAsync("images/42/disk.qcow2", file, null, default);

        Assert.False(File.Exists(file));
        Assert.Equal(MiB + 7, info.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(Time.GetUtcNow(), info.LastModified);
        Assert.Equal(info, await store.GetInfoAsync("images/42/disk.qcow2", default));
        Assert.Equal(content, await ReadBlobAsync(store, "images/42/disk.qcow2"));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task PutFile_with_a_known_sha256_records_it_in_lower_case_and_replaces_atomically()
    {
        var store = NewStore();
        var old = GeneratedStream.Bytes(1000, seed: 12);
        var oldInfo = await store.PutAsync("images/42/disk.qcow2", new MemoryStream(old), default);
        await using var reader = (await store.OpenReadAsync("images/42/disk.qcow2", 0, null, default))!;
        var content = GeneratedStream.Bytes(5000, seed: 13);
        var sha256 = Convert.ToHexString(SHA256.HashData(content));

        var info = await store.PutFileAsync("images/42/disk.qcow2", Scratch.WriteFile("disk.qcow2", content), sha256, default);

        Assert.Equal(sha256.ToLowerInvariant(), info.Sha256);
        Assert.Equal(info, await store.GetInfoAsync("images/42/disk.qcow2", default));
        Assert.Equal(content, await ReadBlobAsync(store, "images/42/disk.qcow2"));
        Assert.Equal(oldInfo, reader.Info);
        Assert.Equal(old, await ReadAllAsync(reader));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ")]
    [InlineData("g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task PutFile_refuses_a_malformed_sha256_and_keeps_the_file(string sha256)
    {
        var store = NewStore();
        var file = Scratch.WriteFile("disk.qcow2", [1, 2, 3]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutFileAsync("k", file, sha256, default));

        Assert.True(File.Exists(file));
        Assert.Null(await store.GetInfoAsync("k", default));
    }

    [Fact]
    public async Task PutFile_of_a_missing_file_throws_and_stores_nothing()
    {
        var store = NewStore();

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.PutFileAsync("k", Scratch.Combine("missing.qcow2"), null, default));

        Assert.Null(await store.GetInfoAsync("k", default));
        AssertNoLeftovers();
    }
}
