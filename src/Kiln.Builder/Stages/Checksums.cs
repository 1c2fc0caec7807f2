using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kiln.Builder.Stages;

/// <summary>SHA-256 of files, each computed once per build even when two steps need it (the OVA manifest and the report).</summary>
internal sealed class Checksums
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _known = new(StringComparer.Ordinal);

    public Task<string> Sha256Async(string path, CancellationToken cancellationToken) =>
        _known.GetOrAdd(path, p => new Lazy<Task<string>>(() => ComputeAsync(p, cancellationToken))).Value;

    private static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
