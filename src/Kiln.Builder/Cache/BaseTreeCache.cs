using System.Text.Json;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Cache;

/// <summary>
/// Bootstrapped base trees on disk, keyed by <see cref="BaseTreeKey"/>.
/// Layout: <c>bases/KEY/{tree,entry.json,last-used}</c> are complete entries; <c>staging/</c> holds trees being
/// made (renamed into <c>bases/</c> only when whole, so a partial entry is never served); <c>trash/</c> holds
/// entries being deleted; <c>locks/KEY.lock</c> is held shared by builds copying a tree and exclusively by the
/// build creating it or the eviction deleting it. All locks are flock(2), so they vanish with a killed process.
/// </summary>
public sealed class BaseTreeCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _root;
    private readonly long _maxBytes;
    private readonly IProcessRunner _runner;
    private readonly TimeProvider _time;

    public BaseTreeCache(string root, long maxBytes, IProcessRunner runner, TimeProvider? time = null)
    {
        _root = Path.GetFullPath(root);
        _maxBytes = maxBytes;
        _runner = runner;
        _time = time ?? TimeProvider.System;
    }

    public string Root => _root;
    private string Bases => Path.Combine(_root, "bases");
    private string Staging => Path.Combine(_root, "staging");
    private string Trash => Path.Combine(_root, "trash");
    private string LockPath(string key) => Path.Combine(_root, "locks", key + ".lock");

    /// <summary>The recorded entry for a key, if a complete one is cached.</summary>
    public BaseTreeEntry? Find(BaseTreeKey key) => ReadEntry(Path.Combine(Bases, key.Value));

    public IReadOnlyList<BaseTreeEntry> Entries() =>
        Directory.Exists(Bases)
            ? [.. Directory.EnumerateDirectories(Bases).Select(ReadEntry).OfType<BaseTreeEntry>()]
            : [];

    /// <summary>
    /// Returns the tree for the key, creating it with <paramref name="create"/> (which fills an empty directory)
    /// when missing. Concurrent callers with the same key wait for one creation and share its result.
    /// </summary>
    public async Task<BaseTreeLease> AcquireAsync(BaseTreeKey key, Func<string, CancellationToken, Task> create,
        CancellationToken cancellationToken)
    {
        var created = false;
        while (true)
        {
            var shared = await FileLock.AcquireAsync(LockPath(key.Value), exclusive: false, cancellationToken).ConfigureAwait(false);
            var entryDir = Path.Combine(Bases, key.Value);
            if (ReadEntry(entryDir) is { } entry)
            {
                Touch(entryDir);
                return new BaseTreeLease(Path.Combine(entryDir, "tree"), entry, cacheHit: !created, shared);
            }
            shared.Dispose();

            using (await FileLock.AcquireAsync(LockPath(key.Value), exclusive: true, cancellationToken).ConfigureAwait(false))
            {
                if (ReadEntry(entryDir) is null)
                {
                    await CreateAsync(key, entryDir, create, cancellationToken).ConfigureAwait(false);
                    created = true;
                }
            }
            await EvictAsync(keep: key.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes what killed processes left behind: staging trees nobody holds (after killing the tools still writing them), and trash.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Staging))
            foreach (var dir in Directory.EnumerateDirectories(Staging))
            {
                using var held = FileLock.TryAcquire(dir + ".lock", exclusive: true);
                if (held is null)
                    continue; // a live build is still making it
                await LeftoverProcesses.KillAsync(dir, cancellationToken).ConfigureAwait(false);
                await DeleteTreeAsync(dir, cancellationToken).ConfigureAwait(false);
                File.Delete(dir + ".lock");
            }
        if (Directory.Exists(Trash))
            foreach (var dir in Directory.EnumerateDirectories(Trash))
                await DeleteTreeAsync(dir, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes least-recently-used entries not in use until the cache fits its bound.</summary>
    public async Task EvictAsync(string? keep, CancellationToken cancellationToken)
    {
        var entries = Entries()
            .Select(e => (Entry: e, LastUsed: ReadLastUsed(Path.Combine(Bases, e.Key))))
            .OrderBy(e => e.LastUsed)
            .ToList();
        var total = entries.Sum(e => e.Entry.SizeBytes);
        foreach (var (entry, _) in entries)
        {
            if (total <= _maxBytes)
                break;
            if (entry.Key == keep)
                continue;
            using var held = FileLock.TryAcquire(LockPath(entry.Key), exclusive: true);
            if (held is null)
                continue; // a build is copying it right now
            await DiscardAsync(Path.Combine(Bases, entry.Key), cancellationToken).ConfigureAwait(false);
            total -= entry.SizeBytes;
        }
    }

    private async Task CreateAsync(BaseTreeKey key, string entryDir, Func<string, CancellationToken, Task> create,
        CancellationToken cancellationToken)
    {
        var staging = Path.Combine(Staging, key.Value + "-" + Guid.NewGuid().ToString("N")[..8]);
        // Locked before it exists, so a concurrent sweep never mistakes it for a dead build's leftover.
        using var stagingLock = FileLock.TryAcquire(staging + ".lock", exclusive: true)
            ?? throw new IOException($"cannot lock {staging}");
        Directory.CreateDirectory(staging);
        try
        {
            var tree = Path.Combine(staging, "tree");
            await create(tree, cancellationToken).ConfigureAwait(false);
            var size = await MeasureAsync(tree, cancellationToken).ConfigureAwait(false);
            var entry = new BaseTreeEntry(key.Value, key.Distribution, key.Codename, key.Architecture, key.Profile,
                key.Packages, key.Mirror, size, _time.GetUtcNow());
            await File.WriteAllTextAsync(Path.Combine(staging, "entry.json"), JsonSerializer.Serialize(entry, Json), cancellationToken)
                .ConfigureAwait(false);
            Touch(staging);
            Directory.CreateDirectory(Bases);
            if (Directory.Exists(entryDir))
                await DiscardAsync(entryDir, cancellationToken).ConfigureAwait(false); // unreadable: it would block the key forever
            Directory.Move(staging, entryDir); // atomic: the entry appears whole or not at all
        }
        finally
        {
            if (Directory.Exists(staging))
                await DeleteTreeAsync(staging, CancellationToken.None).ConfigureAwait(false);
            File.Delete(staging + ".lock");
        }
    }

    /// <summary>Moves an entry out of bases/ at once (atomic), then deletes it.</summary>
    private async Task DiscardAsync(string entryDir, CancellationToken cancellationToken)
    {
        var doomed = Path.Combine(Trash, Path.GetFileName(entryDir) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Trash);
        Directory.Move(entryDir, doomed);
        await DeleteTreeAsync(doomed, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> MeasureAsync(string tree, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(new ToolInvocation("du", ["-s", "-x", "--block-size=1", tree]), cancellationToken)
            .ConfigureAwait(false);
        return long.Parse(result.StandardOutput.Split('\t', 2)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task DeleteTreeAsync(string path, CancellationToken cancellationToken) =>
        await _runner.RunAsync(Tools.RemoveTree.Of(path), cancellationToken).ConfigureAwait(false);

    private void Touch(string entryDir)
    {
        // Written aside and renamed, so two builds touching the same entry never leave a torn file.
        var temporary = Path.Combine(entryDir, "last-used." + Guid.NewGuid().ToString("N"));
        File.WriteAllText(temporary, _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temporary, Path.Combine(entryDir, "last-used"), overwrite: true);
    }

    private static DateTimeOffset ReadLastUsed(string entryDir)
    {
        try
        {
            return DateTimeOffset.Parse(File.ReadAllText(Path.Combine(entryDir, "last-used")), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return DateTimeOffset.MinValue;
        }
    }

    private static BaseTreeEntry? ReadEntry(string entryDir)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<BaseTreeEntry>(File.ReadAllText(Path.Combine(entryDir, "entry.json")), Json);
            // A record that is not this directory's (or misses its key) is as good as unreadable.
            return entry?.Key == Path.GetFileName(entryDir) ? entry : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
