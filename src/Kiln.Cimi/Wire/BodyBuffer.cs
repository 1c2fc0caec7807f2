namespace Kiln.Cimi.Wire;

/// <summary>
/// A request body read into memory, up to the caller's limit: parsing then needs no further I/O, and a body larger
/// than the limit is refused after reading at most one buffer past it.
/// </summary>
internal static class BodyBuffer
{
    private const int Chunk = 16 * 1024;

    public static byte[] Read(Stream body, long maxBytes)
    {
        Check(body, maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[Chunk];
        int read;
        while ((read = body.Read(chunk, 0, chunk.Length)) > 0)
        {
            Append(buffer, chunk, read, maxBytes);
        }

        return buffer.ToArray();
    }

    public static async Task<byte[]> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        Check(body, maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[Chunk];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer, chunk, read, maxBytes);
        }

        return buffer.ToArray();
    }

    private static void Check(Stream body, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (body.CanSeek && body.Length - body.Position > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int count, long maxBytes)
    {
        if (buffer.Length + count > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        buffer.Write(chunk, 0, count);
    }

    private static CimiFormatException TooLarge(long maxBytes) =>
        new($"The body is larger than {maxBytes} bytes.") { IsTooLarge = true };
}
