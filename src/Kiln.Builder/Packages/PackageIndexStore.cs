using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kiln.Builder.Cache;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Packages;

/// <summary>
/// Fetches a release's package index from its mirror the way APT trusts it: InRelease checked with gpgv against
/// Debian's archive keyring, then Packages.gz checked against the SHA-256 and size that InRelease lists. Indexes are
/// kept on disk (refetched when older than <see cref="MaxAge"/>, the stale copy used if the mirror is unreachable)
/// and in memory. Host tool: gpgv.
/// </summary>
public sealed class PackageIndexStore(string cacheDirectory, IProcessRunner runner, HttpClient? http = null, TimeProvider? time = null)
{
    public const string DebianKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly HttpClient _http = http ?? SharedHttp;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Lazy<Task<PackageIndex>>> _loaded = new(StringComparer.Ordinal);

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(1);

    public string Keyring { get; init; } = DebianKeyring;

    public async Task<PackageIndex> GetAsync(string mirror, string codename, string architecture, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{mirror.TrimEnd('/')}|{codename}|main|{architecture}")))[..16];
        var (lazy, loadedNow) = Loader(key, mirror, codename, architecture);
        PackageIndex index;
        try
        {
            index = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<PackageIndex>>>(key, lazy)); // the next call tries again
            throw;
        }
        // Loaded by this call: fresh, or the stale copy because the mirror failed just now; either way, asked once.
        if (loadedNow || _time.GetUtcNow() - index.FetchedAt < MaxAge)
            return index;
        _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<PackageIndex>>>(key, lazy));
        return await Loader(key, mirror, codename, architecture).Lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private (Lazy<Task<PackageIndex>> Lazy, bool Created) Loader(string key, string mirror, string codename, string architecture)
    {
        var created = false;
        var lazy = _loaded.GetOrAdd(key, k =>
        {
            created = true;
            return new Lazy<Task<PackageIndex>>(() => LoadAsync(k, mirror.TrimEnd('/'), codename, architecture));
        });
        return (lazy, created);
    }

    private async Task<PackageIndex> LoadAsync(string key, string mirror, string codename, string architecture)
    {
        var directory = Path.Combine(cacheDirectory, "indexes", key);
        // Builds in other processes share the cache: one fetches while the others wait, then read its result.
        using var held = await FileLock.AcquireAsync(directory + ".lock", exclusive: true, CancellationToken.None).ConfigureAwait(false);
        var packagesFile = Path.Combine(directory, "Packages.gz");
        var stampFile = Path.Combine(directory, "fetched-at");
        var fetchedAt = File.Exists(stampFile) && DateTimeOffset.TryParse(await File.ReadAllTextAsync(stampFile).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var stamp) ? stamp : (DateTimeOffset?)null;

        if (fetchedAt is null || !File.Exists(packagesFile) || _time.GetUtcNow() - fetchedAt >= MaxAge)
        {
            try
            {
                await FetchAsync(directory, mirror, codename, architecture).ConfigureAwait(false);
                fetchedAt = _time.GetUtcNow();
                await File.WriteAllTextAsync(stampFile, fetchedAt.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or ToolFailedException
                && File.Exists(packagesFile) && fetchedAt is not null)
            {
                // The mirror is unreachable: the copy we verified earlier still describes the release well enough.
            }
        }
        await using var stream = File.OpenRead(packagesFile);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var packages = ControlStanzas.Read(reader, ControlStanzas.PackageFields).Select(ControlStanzas.ToPackage).OfType<PackageInfo>();
        return new PackageIndex(packages, fetchedAt!.Value);
    }

    private async Task FetchAsync(string directory, string mirror, string codename, string architecture)
    {
        Directory.CreateDirectory(directory);
        var inRelease = Path.Combine(directory, "InRelease.download");
        var verified = Path.Combine(directory, "Release.verified");
        await DownloadAsync($"{mirror}/dists/{codename}/InRelease", inRelease).ConfigureAwait(false);
        File.Delete(verified);
        await runner.RunAsync(new ToolInvocation("gpgv", ["--keyring", Keyring, "--output", verified, inRelease]), CancellationToken.None)
            .ConfigureAwait(false);
        var release = ReleaseFile.Parse(await File.ReadAllTextAsync(verified).ConfigureAwait(false));
        var path = $"main/binary-{architecture}/Packages.gz";
        var (sha256, size) = release.Find(path) ?? throw new IOException($"{mirror} {codename} InRelease lists no {path}");

        var download = Path.Combine(directory, "Packages.gz.download");
        var actual = await DownloadAsync($"{mirror}/dists/{codename}/{path}", download).ConfigureAwait(false);
        if (actual.Sha256 != sha256 || actual.Size != size)
        {
            File.Delete(download);
            throw new IOException($"{path} from {mirror} does not match its signed InRelease (sha256 {actual.Sha256}, expected {sha256})");
        }
        File.Move(download, Path.Combine(directory, "Packages.gz"), overwrite: true);
    }

    private async Task<(string Sha256, long Size)> DownloadAsync(string url, string file)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using var target = new FileStream(file, FileMode.Create, FileAccess.Write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            size += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
