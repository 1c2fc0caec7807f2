using System.Security.Cryptography;
using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>Replacement, failure and concurrency: readers only ever see whole blobs.</summary>
public abstract partial class BlobStoreContract
{
    [Fact]
    public async Task A_replaced_blob_keeps_serving_an_open_stream_its_old_bytes()
    {
        var store = NewStore();
        var old = GeneratedStream.Bytes(MiB, seed: 6);
        var oldInfo = await store.PutAsync("images/42/disk.qcow2", new MemoryStream(old), default);
        await using var reader = (await store.OpenReadAsync("images/42/disk.qcow2", 0, null, default))!;
        var head = new byte[100];
        await reader.ReadExactlyAsync(head);
        Time.Advance(TimeSpan.FromHours(1));

        var replacement = GeneratedStream.Bytes(MiB / 2, seed: 7);
        var newInfo = await store.PutAsync("images/42/disk.qcow2", new MemoryStream(replacement), default);

        Assert.Equal(old, head.Concat(await ReadAllAsync(reader)).ToArray());
        Assert.Equal(oldInfo, reader.Info);
        Assert.Equal(newInfo, await store.GetInfoAsync("images/42/disk.qcow2", default));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(replacement)), newInfo.Sha256);
        Assert.Equal(Time.GetUtcNow(), newInfo.LastModified);
        Assert.NotEqual(oldInfo.ETag, newInfo.ETag);
        Assert.Equal(replacement, await ReadBlobAsync(store, "images/42/disk.qcow2"));
    }

    [Fact]
    public async Task A_cancelled_put_keeps_the_previous_blob()
    {
        var store = NewStore();
        var old = await store.PutAsync("k", Text("previous"), default);
        using var cancel = new CancellationTokenSource();
        var source = new GeneratedStream(8 * MiB, seed: 8, position =>
        {
            if (position >= 2 * MiB)
                cancel.Cancel();
            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync("k", source, cancel.Token));

        Assert.Equal(old, await store.GetInfoAsync("k", default));
        Assert.Equal("previous"u8.ToArray(), await ReadBlobAsync(store, "k"));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task A_cancelled_put_of_a_new_key_leaves_nothing()
    {
        var store = NewStore();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync("k", Text("never"), cancel.Token));

        Assert.Null(await store.GetInfoAsync("k", default));
        Assert.Empty(await ListAsync(store, ""));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task A_failing_source_keeps_the_previous_blob_and_its_exception_surfaces()
    {
        var store = NewStore();
        var old = await store.PutAsync("k", Text("previous"), default);
        var source = new GeneratedStream(8 * MiB, seed: 9, position =>
            position >= MiB ? throw new InvalidOperationException("the build output went away") : Task.CompletedTask);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PutAsync("k", source, default));

        Assert.Equal("the build output went away", error.Message);
        Assert.Equal(old, await store.GetInfoAsync("k", default));
        Assert.Equal("previous"u8.ToArray(), await ReadBlobAsync(store, "k"));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Concurrent_puts_of_one_key_all_complete_and_leave_one_whole_blob()
    {
        var store = NewStore();
        var sizes = Enumerable.Range(0, 8).Select(i => 300_000 + i * 100_000).ToArray();
        var expected = sizes.Select((size, seed) => GeneratedStream.Sha256(size, seed)).ToHashSet();

        var puts = await Task.WhenAll(sizes.Select((size, seed) =>
            Task.Run(() => store.PutAsync("images/42/disk.qcow2", new GeneratedStream(size, seed), default))));

        Assert.Equal(expected, puts.Select(p => p.Sha256).ToHashSet());
        var info = (await store.GetInfoAsync("images/42/disk.qcow2", default))!;
        Assert.Contains(info.Sha256, expected);
        Assert.Equal(info.Sha256, Convert.ToHexStringLower(SHA256.HashData(await ReadBlobAsync(store, "images/42/disk.qcow2"))));
        Assert.Equal(["images/42/disk.qcow2"], await KeysAsync(store, ""));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Readers_during_replacements_always_get_one_whole_version()
    {
        var store = NewStore();
        var versions = Enumerable.Range(0, 4).Select(seed => GeneratedStream.Bytes(200_000 + seed * 50_000, seed)).ToArray();
        var hashes = versions.Select(v => Convert.ToHexStringLower(SHA256.HashData(v))).ToHashSet();
        await store.PutAsync("k", new MemoryStream(versions[0]), default);
        using var writing = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 40; i++)
                await store.PutAsync("k", new MemoryStream(versions[i % versions.Length]), default);
            await writing.CancelAsync();
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!writing.IsCancellationRequested || reads == 0)
            {
                await using var stream = (await store.OpenReadAsync("k", 0, null, default))!;
                var bytes = await ReadAllAsync(stream);
                var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                Assert.Equal(stream.Info.Sha256, sha);
                Assert.Contains(sha, hashes);
                reads++;
            }
            return reads;
        })).ToArray();

        await writer;
        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
    }
}
