using System.Buffers;
using System.Security.Cryptography;

namespace Kiln.Blobs.Files;

/// <summary>Streams bytes from a source to a destination through one pooled buffer, counting and hashing them (SHA-256) on the way.</summary>
internal static class HashingCopy
{
    private const int BufferSize = 1 << 20;

    /// <summary>Copies <paramref name="source"/> to its end into <paramref name="destination"/> (null: only hash it).</summary>
    public static async Task<(long Size, string Sha256)> CopyAsync(Stream source, Stream? destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                hash.AppendData(buffer, 0, read);
                if (destination is not null)
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                size += read;
            }
            cancellationToken.ThrowIfCancellationRequested();
            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
