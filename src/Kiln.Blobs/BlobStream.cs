namespace Kiln.Blobs;

/// <summary>
/// A read-only range of one version of a blob, as <see cref="IBlobStore.OpenReadAsync"/> opened it: <see cref="Info"/>
/// describes that version, so an HTTP response can take its ETag and length from here rather than from an earlier
/// <see cref="IBlobStore.GetInfoAsync"/>. Positions count from the start of the range; reads stop at its end.
/// Seekable when the backend's stream is.
/// </summary>
public sealed class BlobStream : Stream
{
    private readonly Stream _inner;
    private readonly long _length;
    private long _position;

    /// <summary>
    /// Wraps <paramref name="inner"/>, which is positioned at <paramref name="offset"/> of the blob and, if seekable,
    /// has the blob's positions as its own. The new stream owns <paramref name="inner"/>.
    /// </summary>
    public BlobStream(BlobInfo info, Stream inner, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, info.Size);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, info.Size - offset);
        Info = info;
        Offset = offset;
        _inner = inner;
        _length = length;
    }

    /// <summary>The version of the blob this stream reads.</summary>
    public BlobInfo Info { get; }

    /// <summary>Where the range starts in the blob.</summary>
    public long Offset { get; }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => false;

    /// <summary>Length of the range.</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer[..Allowed(buffer.Length)]);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (!CanSeek)
            throw new NotSupportedException("This blob stream cannot seek.");
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _inner.Seek(Offset + target, SeekOrigin.Begin);
        _position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("Blob streams are read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Blob streams are read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>How many of <paramref name="requested"/> bytes lie before the end of the range.</summary>
    private int Allowed(int requested) => (int)Math.Clamp(_length - _position, 0, requested);
}
