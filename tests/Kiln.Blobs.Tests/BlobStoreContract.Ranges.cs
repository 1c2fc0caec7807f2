using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>Ranges, as HTTP Range requests ask for them.</summary>
public abstract partial class BlobStoreContract
{
    [Theory]
    [InlineData(0, 10L)]
    [InlineData(1000, 500L)]
    [InlineData(9_990, 10L)]
    [InlineData(4096, null)]
    [InlineData(0, null)]
    [InlineData(5, 0L)]
    [InlineData(10_000, null)]
    [InlineData(10_000, 0L)]
    public async Task A_range_reads_exactly_the_bytes_asked(long offset, long? length)
    {
        var store = NewStore();
        var content = GeneratedStream.Bytes(10_000, seed: 4);
        var info = await store.PutAsync("r", new MemoryStream(content), default);

        await using var stream = (await store.OpenReadAsync("r", offset, length, default))!;

        var expected = content.AsSpan((int)offset, (int)(length ?? 10_000 - offset)).ToArray();
        Assert.Equal(expected.Length, stream.Length);
        Assert.Equal(offset, stream.Offset);
        Assert.Equal(info, stream.Info);
        Assert.Equal(expected, await ReadAllAsync(stream));
        Assert.Equal(expected.Length, stream.Position);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(10_001, null)]
    [InlineData(0, 10_001L)]
    [InlineData(9_999, 2L)]
    [InlineData(10_000, 1L)]
    [InlineData(0, -1L)]
    [InlineData(long.MaxValue, 1L)]
    [InlineData(1, long.MaxValue)]
    public async Task A_range_outside_the_blob_is_refused(long offset, long? length)
    {
        var store = NewStore();
        await store.PutAsync("r", new MemoryStream(GeneratedStream.Bytes(10_000, seed: 4)), default);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.OpenReadAsync("r", offset, length, default));
    }

    [Fact]
    public async Task A_seekable_range_seeks_within_itself()
    {
        var store = NewStore();
        var content = GeneratedStream.Bytes(1000, seed: 5);
        await store.PutAsync("r", new MemoryStream(content), default);
        await using var stream = (await store.OpenReadAsync("r", 100, 200, default))!;
        if (!stream.CanSeek)
            return; // a backend may serve ranges as plain streams

        stream.Seek(-10, SeekOrigin.End);

        Assert.Equal(190, stream.Position);
        Assert.Equal(content[290..300], await ReadAllAsync(stream));
        stream.Position = 0;
        Assert.Equal(content[100..300], await ReadAllAsync(stream));
    }
}
