using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>Hard links to blobs: what a machine runs from without copying the image.</summary>
public sealed partial class FileBlobStoreTests
{
    [Fact]
    public async Task A_link_to_a_blob_holds_its_bytes_and_keeps_them_when_the_blob_is_replaced_or_deleted()
    {
        var store = Open(_root.Path);
        var first = GeneratedStream.Bytes(MiB, seed: 21);
        await store.PutAsync("images/9/image.qcow2", new MemoryStream(first), default);
        var linked = Scratch.Combine("machine", "base.qcow2");
        Directory.CreateDirectory(Path.GetDirectoryName(linked)!);

        Assert.True(store.TryLink("images/9/image.qcow2", linked));

        Assert.Equal(first, await File.ReadAllBytesAsync(linked));
        await store.PutAsync("images/9/image.qcow2", new MemoryStream(GeneratedStream.Bytes(MiB, seed: 22)), default);
        Assert.Equal(first, await File.ReadAllBytesAsync(linked));
        Assert.True(await store.DeleteAsync("images/9/image.qcow2", default));
        Assert.Equal(first, await File.ReadAllBytesAsync(linked));
    }

    [Fact]
    public void No_link_is_made_for_a_missing_blob_or_onto_an_existing_file_and_a_bad_key_is_refused()
    {
        var store = Open(_root.Path);
        var existing = Scratch.WriteFile("taken", "mine");

        Assert.False(store.TryLink("images/404/image.qcow2", Scratch.Combine("nothing")));
        Assert.False(File.Exists(Scratch.Combine("nothing")));
        Assert.False(store.TryLink("images/404/image.qcow2", existing));
        Assert.Equal("mine", File.ReadAllText(existing));
        Assert.Throws<ArgumentException>(() => store.TryLink("../../etc/passwd", Scratch.Combine("stolen")));
    }
}
