using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>Deleting one blob or a prefix, and listing.</summary>
public abstract partial class BlobStoreContract
{
    [Fact]
    public async Task Delete_removes_the_blob_and_says_whether_there_was_one()
    {
        var store = NewStore();
        await store.PutAsync("images/42/disk.qcow2", Text("x"), default);
        await store.PutAsync("images/42/web.ova", Text("y"), default);

        Assert.True(await store.DeleteAsync("images/42/disk.qcow2", default));
        Assert.False(await store.DeleteAsync("images/42/disk.qcow2", default));

        Assert.Null(await store.GetInfoAsync("images/42/disk.qcow2", default));
        Assert.Null(await store.OpenReadAsync("images/42/disk.qcow2", 0, null, default));
        Assert.Equal(["images/42/web.ova"], await KeysAsync(store, ""));
    }

    [Fact]
    public async Task A_deleted_blob_keeps_serving_an_open_stream()
    {
        var store = NewStore();
        var content = GeneratedStream.Bytes(MiB, seed: 10);
        await store.PutAsync("k", new MemoryStream(content), default);
        await using var reader = (await store.OpenReadAsync("k", 0, null, default))!;

        Assert.True(await store.DeleteAsync("k", default));

        Assert.Equal(content, await ReadAllAsync(reader));
    }

    [Fact]
    public async Task DeletePrefix_deletes_one_image_and_leaves_its_neighbours()
    {
        var store = NewStore();
        string[] keys = ["images/4/disk.qcow2", "images/42", "images/42.bak", "images/42/disk.qcow2", "images/42/logs/build.log",
            "images/42/web.ova", "images/420/disk.qcow2"];
        foreach (var key in keys)
            await store.PutAsync(key, Text(key), default);

        Assert.Equal(3, await store.DeletePrefixAsync("images/42/", default));

        Assert.Equal(["images/4/disk.qcow2", "images/42", "images/42.bak", "images/420/disk.qcow2"], await KeysAsync(store, ""));
        Assert.Equal(0, await store.DeletePrefixAsync("images/42/", default));
    }

    [Fact]
    public async Task DeletePrefix_without_a_slash_is_a_plain_string_prefix()
    {
        var store = NewStore();
        foreach (var key in new[] { "images/4/a", "images/42/a", "images/4x", "images/5/a", "images4" })
            await store.PutAsync(key, Text(key), default);

        Assert.Equal(3, await store.DeletePrefixAsync("images/4", default));

        Assert.Equal(["images/5/a", "images4"], await KeysAsync(store, ""));
    }

    [Fact]
    public async Task List_returns_the_blobs_under_a_prefix_in_ordinal_key_order_with_their_info()
    {
        var store = NewStore();
        foreach (var key in new[] { "a0", "b/c/d", "a/b", "a.c", "A", "a-b", "a", "a/b/c" })
        {
            await store.PutAsync(key, Text("content of " + key), default);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["A", "a", "a-b", "a.c", "a/b", "a/b/c", "a0", "b/c/d"], await KeysAsync(store, ""));
        Assert.Equal(["a", "a-b", "a.c", "a/b", "a/b/c", "a0"], await KeysAsync(store, "a"));
        Assert.Equal(["a/b", "a/b/c"], await KeysAsync(store, "a/"));
        Assert.Equal(["a/b/c"], await KeysAsync(store, "a/b/"));
        Assert.Equal(["b/c/d"], await KeysAsync(store, "b/c"));
        Assert.Empty(await KeysAsync(store, "c"));
        Assert.Empty(await KeysAsync(store, "a/b/c/"));
        foreach (var info in await ListAsync(store, ""))
            Assert.Equal(await store.GetInfoAsync(info.Key, default), info);
    }

    [Fact]
    public async Task A_key_and_the_keys_below_it_are_independent_blobs()
    {
        var store = NewStore();
        await store.PutAsync("images/42", Text("the image"), default);
        await store.PutAsync("images/42/disk.qcow2", Text("its disk"), default);

        Assert.Equal("the image"u8.ToArray(), await ReadBlobAsync(store, "images/42"));
        Assert.Equal("its disk"u8.ToArray(), await ReadBlobAsync(store, "images/42/disk.qcow2"));
        Assert.True(await store.DeleteAsync("images/42", default));
        Assert.Equal("its disk"u8.ToArray(), await ReadBlobAsync(store, "images/42/disk.qcow2"));
        Assert.True(await store.DeleteAsync("images/42/disk.qcow2", default));
        await store.PutAsync("images/42", Text("again"), default);
        Assert.Equal(["images/42"], await KeysAsync(store, ""));
    }

    [Fact]
    public async Task DeletePrefix_refuses_the_empty_prefix_that_would_empty_the_store()
    {
        var store = NewStore();
        await store.PutAsync("images/42/disk.qcow2", Text("x"), default);

        await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync("", default));

        Assert.Equal(["images/42/disk.qcow2"], await KeysAsync(store, ""));
    }
}
