using Kiln.Builder.Cache;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class BaseTreeCacheTests : IDisposable
{
    private static readonly BaseTreeKey KeyA = BaseTreeKeyTests.Key(["a"]);
    private static readonly BaseTreeKey KeyB = BaseTreeKeyTests.Key(["b"]);
    private static readonly BaseTreeKey KeyC = BaseTreeKeyTests.Key(["c"]);
    private readonly TempDirectory _temp = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _creates;

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.Combine("cache");

    private BaseTreeCache NewCache(long maxBytes = long.MaxValue) => new(Root, maxBytes, new ProcessRunner(), _time);

    /// <summary>What the real create (mmdebstrap) does: makes the directory and fills it.</summary>
    private async Task CreateTree(string tree, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _creates);
        Directory.CreateDirectory(Path.Combine(tree, "etc"));
        await File.WriteAllTextAsync(Path.Combine(tree, "etc", "os-release"), "ID=debian\n", cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(tree, "payload"), new byte[64 * 1024], cancellationToken);
    }

    [Fact]
    public async Task First_acquire_creates_the_tree_and_records_its_entry()
    {
        var cache = NewCache();

        using var lease = await cache.AcquireAsync(KeyA, CreateTree, CancellationToken.None);

        Assert.False(lease.CacheHit);
        Assert.Equal(1, _creates);
        Assert.Equal(Path.Combine(Root, "bases", KeyA.Value, "tree"), lease.TreePath);
        Assert.Equal("ID=debian\n", await File.ReadAllTextAsync(Path.Combine(lease.TreePath, "etc", "os-release")));
        Assert.Equal((KeyA.Value, "bookworm", "minimal", _time.GetUtcNow()), (lease.Entry.Key, lease.Entry.Codename, lease.Entry.Profile, lease.Entry.CreatedAt));
        Assert.InRange(lease.Entry.SizeBytes, 64 * 1024, 1024 * 1024);
        Assert.Equal(lease.Entry.Key, cache.Find(KeyA)!.Key);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Fact]
    public async Task Second_acquire_is_a_cache_hit_that_does_not_create_and_records_its_use()
    {
        var cache = NewCache();
        using (await cache.AcquireAsync(KeyA, CreateTree, CancellationToken.None)) { }
        _time.Advance(TimeSpan.FromHours(1));

        using var again = await NewCache().AcquireAsync(KeyA, CreateTree, CancellationToken.None);

        Assert.True(again.CacheHit);
        Assert.Equal(1, _creates);
        Assert.Equal(_time.GetUtcNow(), DateTimeOffset.Parse(
            await File.ReadAllTextAsync(Path.Combine(Root, "bases", KeyA.Value, "last-used")), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Concurrent_acquires_of_one_key_create_it_once_and_share_it()
    {
        var cache = NewCache();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        async Task SlowCreate(string tree, CancellationToken ct)
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            await CreateTree(tree, ct);
        }

        var first = Task.Run(() => cache.AcquireAsync(KeyA, SlowCreate, CancellationToken.None));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var second = Task.Run(() => NewCache().AcquireAsync(KeyA, SlowCreate, CancellationToken.None));
        await Task.Delay(150); // the second is now waiting on the lock
        release.SetResult();
        var leases = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _creates);
        Assert.Equal([false, true], leases.Select(l => l.CacheHit));
        Assert.Equal(leases[0].TreePath, leases[1].TreePath);
        foreach (var lease in leases)
            lease.Dispose();
    }

    [Fact]
    public async Task A_create_that_throws_leaves_no_entry_and_no_staging_tree()
    {
        var cache = NewCache();
        async Task FailingCreate(string tree, CancellationToken ct)
        {
            await CreateTree(tree, ct);
            throw new InvalidOperationException("mmdebstrap failed");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cache.AcquireAsync(KeyA, FailingCreate, CancellationToken.None));

        Assert.Equal("mmdebstrap failed", error.Message);
        Assert.Null(cache.Find(KeyA));
        Assert.Empty(cache.Entries());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
        using var retry = await cache.AcquireAsync(KeyA, CreateTree, CancellationToken.None);
        Assert.False(retry.CacheHit);
    }

    [Fact]
    public async Task Cancelling_during_create_leaves_no_entry_and_no_staging_tree()
    {
        var cache = NewCache();
        using var cancel = new CancellationTokenSource();
        async Task HangingCreate(string tree, CancellationToken ct)
        {
            await CreateTree(tree, ct);
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.AcquireAsync(KeyA, HangingCreate, cancel.Token));

        Assert.Null(cache.Find(KeyA));
        Assert.False(Directory.Exists(Path.Combine(Root, "bases", KeyA.Value)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
    }

    [Fact]
    public async Task Eviction_removes_the_least_recently_used_entries_beyond_the_bound()
    {
        await PopulateAsync(KeyA, KeyB, KeyC);
        using (await NewCache().AcquireAsync(KeyA, CreateTree, CancellationToken.None)) { } // A is now the most recent
        var total = NewCache().Entries().Sum(e => e.SizeBytes);

        await NewCache(maxBytes: total - 1).EvictAsync(keep: null, CancellationToken.None);

        Assert.Equal(Keys(KeyA, KeyC), Keys(NewCache().Entries()));
        Assert.False(Directory.Exists(Path.Combine(Root, "bases", KeyB.Value)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "trash")));
    }

    [Fact]
    public async Task Eviction_never_removes_an_entry_held_by_a_lease()
    {
        await PopulateAsync(KeyA, KeyB, KeyC);
        using var held = await NewCache().AcquireAsync(KeyB, CreateTree, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        using (await NewCache().AcquireAsync(KeyA, CreateTree, CancellationToken.None)) { } // B is now the least recent, but held
        var total = NewCache().Entries().Sum(e => e.SizeBytes);

        await NewCache(maxBytes: total - 1).EvictAsync(keep: null, CancellationToken.None);

        Assert.Equal(Keys(KeyA, KeyB), Keys(NewCache().Entries()));
        Assert.True(File.Exists(Path.Combine(held.TreePath, "payload")));
    }

    [Fact]
    public async Task Creating_beyond_the_bound_evicts_older_entries_but_keeps_the_new_one_and_leased_ones()
    {
        var cache = NewCache(maxBytes: 1);
        using (await cache.AcquireAsync(KeyA, CreateTree, CancellationToken.None)) { }
        _time.Advance(TimeSpan.FromMinutes(1));
        using var leaseB = await cache.AcquireAsync(KeyB, CreateTree, CancellationToken.None);

        Assert.Equal(Keys(KeyB), Keys(cache.Entries()));

        _time.Advance(TimeSpan.FromMinutes(1));
        using var leaseC = await cache.AcquireAsync(KeyC, CreateTree, CancellationToken.None);

        Assert.Equal(Keys(KeyB, KeyC), Keys(cache.Entries()));
    }

    [Fact]
    public async Task Sweep_removes_unlocked_staging_trees_and_trash_but_keeps_a_locked_staging_tree()
    {
        var cache = NewCache();
        _temp.WriteFile("cache/staging/dead-1234/tree/etc/os-release", "ID=debian\n");
        _temp.WriteFile("cache/staging/live-5678/tree/etc/os-release", "ID=debian\n");
        _temp.WriteFile("cache/trash/old-9abc/tree/payload", "x");
        using var live = FileLock.TryAcquire(Path.Combine(Root, "staging", "live-5678.lock"), exclusive: true);
        Assert.NotNull(live);

        await cache.SweepAsync(CancellationToken.None);

        Assert.Equal(["live-5678", "live-5678.lock"],
            Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(Root, "staging", "live-5678", "tree", "etc", "os-release")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "trash")));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("null")]
    [InlineData("missing")]
    [InlineData("directory")]
    public async Task An_entry_with_an_unreadable_entry_json_is_replaced_on_the_next_acquire(string damage)
    {
        await PopulateAsync(KeyA);
        var entryDir = Path.Combine(Root, "bases", KeyA.Value);
        var entryJson = Path.Combine(entryDir, "entry.json");
        var json = await File.ReadAllTextAsync(entryJson);
        await File.WriteAllTextAsync(Path.Combine(entryDir, "tree", "old-marker"), "from the damaged entry");
        switch (damage)
        {
            case "truncated": await File.WriteAllTextAsync(entryJson, json[..(json.Length / 2)]); break;
            case "empty": await File.WriteAllTextAsync(entryJson, ""); break;
            case "null": await File.WriteAllTextAsync(entryJson, "null"); break;
            case "missing": File.Delete(entryJson); break;
            case "directory": File.Delete(entryJson); Directory.CreateDirectory(entryJson); break;
        }
        Assert.Null(NewCache().Find(KeyA));
        _time.Advance(TimeSpan.FromMinutes(1));

        using (var lease = await NewCache().AcquireAsync(KeyA, CreateTree, CancellationToken.None))
        {
            Assert.False(lease.CacheHit);
            Assert.Equal(2, _creates);
            Assert.Equal((KeyA.Value, _time.GetUtcNow()), (lease.Entry.Key, lease.Entry.CreatedAt));
            Assert.Equal(Path.Combine(entryDir, "tree"), lease.TreePath);
            Assert.Equal("ID=debian\n", await File.ReadAllTextAsync(Path.Combine(lease.TreePath, "etc", "os-release")));
            Assert.False(File.Exists(Path.Combine(lease.TreePath, "old-marker")));
        }

        Assert.Equal(KeyA.Value, NewCache().Find(KeyA)?.Key);
        Assert.Equal(Keys(KeyA), Keys(NewCache().Entries()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "trash"))); // the old entry went through it, and is gone
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "staging")));
        Assert.Empty(Directory.EnumerateFiles(Root, "old-marker", SearchOption.AllDirectories));
        using var again = await NewCache().AcquireAsync(KeyA, CreateTree, CancellationToken.None);
        Assert.True(again.CacheHit);
        Assert.Equal(2, _creates);
    }

    private async Task PopulateAsync(params BaseTreeKey[] keys)
    {
        foreach (var key in keys)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            using (await NewCache().AcquireAsync(key, CreateTree, CancellationToken.None)) { }
        }
        _time.Advance(TimeSpan.FromMinutes(1));
    }

    private static List<string> Keys(params BaseTreeKey[] keys) => [.. keys.Select(k => k.Value).Order(StringComparer.Ordinal)];

    private static List<string> Keys(IEnumerable<BaseTreeEntry> entries) => [.. entries.Select(e => e.Key).Order(StringComparer.Ordinal)];
}
