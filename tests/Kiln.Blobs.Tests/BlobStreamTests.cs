namespace Kiln.Blobs.Tests;

public sealed class BlobStreamTests
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
    private static readonly BlobInfo Info = new("k", 100, new string('0', 64), DateTimeOffset.UnixEpoch);

    private static BlobStream Range(long offset, long length)
    {
        var inner = new MemoryStream(Content) { Position = offset };
        return new BlobStream(Info, inner, offset, length);
    }

    [Fact]
    public void Reads_stop_at_the_end_of_the_range()
    {
        using var stream = Range(10, 5);
        var buffer = new byte[50];

        Assert.Equal(5, stream.Read(buffer, 0, 50));
        Assert.Equal(0, stream.Read(buffer, 0, 50));
        Assert.Equal(Content[10..15], buffer[..5]);
        Assert.Equal(5, stream.Position);
    }

    [Fact]
    public async Task Async_reads_stop_at_the_end_of_the_range()
    {
        await using var stream = Range(90, 10);
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(Content[90..], copy.ToArray());
    }

    [Fact]
    public void Seeking_counts_from_the_start_of_the_range()
    {
        using var stream = Range(20, 30);

        Assert.Equal(25, stream.Seek(-5, SeekOrigin.End));
        Assert.Equal(Content[45], (byte)stream.ReadByte());
        stream.Position = 0;
        Assert.Equal(Content[20], (byte)stream.ReadByte());
        Assert.Equal(3, stream.Seek(2, SeekOrigin.Current));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Seek(-1, SeekOrigin.Begin));
        stream.Position = 40;
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public void It_is_read_only()
    {
        using var stream = Range(0, 100);

        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(1));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(101, 0)]
    [InlineData(0, 101)]
    [InlineData(50, 51)]
    [InlineData(0, -1)]
    public void A_range_outside_the_blob_is_refused(long offset, long length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlobStream(Info, new MemoryStream(Content), offset, length));
    }

    [Fact]
    public void Disposing_it_disposes_the_backend_stream()
    {
        var inner = new MemoryStream(Content);

        new BlobStream(Info, inner, 0, 100).Dispose();

        Assert.False(inner.CanRead);
    }
}
