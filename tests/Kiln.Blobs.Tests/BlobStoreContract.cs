using System.Security.Cryptography;
using System.Text;
using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>What every <see cref="IBlobStore"/> backend must do. A backend's test class derives from this one.</summary>
public abstract partial class BlobStoreContract : IDisposable
{
    private const int MiB = 1024 * 1024;

    protected ManualTimeProvider Time { get; } = new();

    /// <summary>Where tests make local files for <see cref="IBlobStore.PutFileAsync"/>.</summary>
    protected TempDirectory Scratch { get; } = new();

    protected abstract IBlobStore CreateStore(TimeProvider time);

    /// <summary>Fails when a failed or finished put left something behind (temp files, incomplete uploads).</summary>
    protected virtual void AssertNoLeftovers()
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            Scratch.Dispose();
    }

    private IBlobStore NewStore() => CreateStore(Time);

    [Fact]
    public async Task Put_returns_size_sha256_time_and_etag_of_the_content()
    {
        var content = GeneratedStream.Bytes(100_000, seed: 1);

        var info = await NewStore().PutAsync("images/42/disk.qcow2", new MemoryStream(content), default);

        Assert.Equal("images/42/disk.qcow2", info.Key);
        Assert.Equal(100_000, info.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(Time.GetUtcNow(), info.LastModified);
        Assert.Equal("\"" + info.Sha256 + "\"", info.ETag);
    }

    [Fact]
    public async Task GetInfo_and_OpenRead_give_back_what_was_put()
    {
        var store = NewStore();
        var content = GeneratedStream.Bytes(300_000, seed: 2);
        var put = await store.PutAsync("images/42/disk.qcow2", new MemoryStream(content), default);
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(put, await store.GetInfoAsync("images/42/disk.qcow2", default));
        await using var stream = (await store.OpenReadAsync("images/42/disk.qcow2", 0, null, default))!;
        Assert.Equal(put, stream.Info);
        Assert.Equal(300_000, stream.Length);
        Assert.Equal(content, await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Empty_content_makes_an_empty_blob()
    {
        var store = NewStore();

        var info = await store.PutAsync("empty", new MemoryStream(), default);

        Assert.Equal(0, info.Size);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", info.Sha256);
        await using var stream = (await store.OpenReadAsync("empty", 0, null, default))!;
        Assert.Empty(await ReadAllAsync(stream));
    }

    [Fact]
    public async Task A_missing_blob_has_no_info_no_stream_and_nothing_to_delete()
    {
        var store = NewStore();
        await store.PutAsync("images/42/disk.qcow2", Text("x"), default);

        Assert.Null(await store.GetInfoAsync("images/42/disk.raw", default));
        Assert.Null(await store.OpenReadAsync("images/42", 0, null, default));
        Assert.False(await store.DeleteAsync("images/43/disk.qcow2", default));
    }

    [Fact]
    public async Task Large_content_streams_from_a_non_seekable_source_in_bounded_memory()
    {
        const long size = 64L * MiB + 1234;
        var store = NewStore();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var info = await store.PutAsync("images/1/big.raw", new GeneratedStream(size, seed: 3), default);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 16 * MiB, $"a {size}-byte put allocated {allocated} bytes");
        Assert.Equal(size, info.Size);
        Assert.Equal(GeneratedStream.Sha256(size, seed: 3), info.Sha256);
        await using var stream = (await store.OpenReadAsync("images/1/big.raw", 0, null, default))!;
        Assert.Equal(info.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
    }

    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected static async Task<byte[]> ReadBlobAsync(IBlobStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, 0, null, default) ?? throw new InvalidOperationException("no blob " + key);
        return await ReadAllAsync(stream);
    }

    protected static async Task<List<BlobInfo>> ListAsync(IBlobStore store, string prefix)
    {
        var infos = new List<BlobInfo>();
        await foreach (var info in store.ListAsync(prefix, default))
            infos.Add(info);
        return infos;
    }

    protected static async Task<List<string>> KeysAsync(IBlobStore store, string prefix) =>
        (await ListAsync(store, prefix)).Select(i => i.Key).ToList();
}
