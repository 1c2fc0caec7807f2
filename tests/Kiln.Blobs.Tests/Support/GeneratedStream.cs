using System.Security.Cryptography;

namespace Kiln.Blobs.Tests.Support;

/// <summary>
/// A non-seekable stream of <c>length</c> deterministic bytes (different for each seed), made as they are read, so
/// nothing is held in memory. <c>beforeRead</c> runs before each read with the position reached: to pause, fail or
/// cancel a put midway. Reads return at most 64 KiB, so the hook sees the content go by.
/// </summary>
public sealed class GeneratedStream(long length, int seed, Func<long, Task>? beforeRead = null) : Stream
{
    private const int MaxRead = 64 * 1024;
    private long _position;

    /// <summary>The same bytes, in memory (for small blobs).</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = ByteAt(i, seed);
        return bytes;
    }

    /// <summary>SHA-256 of the same bytes, computed apart from any store.</summary>
    public static string Sha256(long length, int seed)
    {
        using var stream = new GeneratedStream(length, seed);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static byte ByteAt(long position, int seed) =>
        unchecked((byte)(position + (position >> 8) * 31 + (position >> 16) * 7 + seed * 101));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        beforeRead?.Invoke(_position).GetAwaiter().GetResult();
        return Fill(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (beforeRead is not null)
            await beforeRead(_position);
        return Fill(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Fill(Span<byte> buffer)
    {
        var count = (int)Math.Min(Math.Min(buffer.Length, MaxRead), length - _position);
        for (var i = 0; i < count; i++)
            buffer[i] = ByteAt(_position + i, seed);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
