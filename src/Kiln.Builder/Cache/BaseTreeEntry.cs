namespace Kiln.Builder.Cache;

/// <summary>What the cache records beside a tree (entry.json).</summary>
public sealed record BaseTreeEntry(string Key, string Distribution, string Codename, string Architecture, string Profile,
    IReadOnlyList<string> Packages, string Mirror, long SizeBytes, DateTimeOffset CreatedAt)
{
    public int SizeMiB => (int)Math.Ceiling(SizeBytes / (1024.0 * 1024.0));
}

/// <summary>A base tree handed to a build, protected from eviction until disposed.</summary>
public sealed class BaseTreeLease : IDisposable
{
    private readonly IDisposable _lock;

    internal BaseTreeLease(string treePath, BaseTreeEntry entry, bool cacheHit, IDisposable sharedLock)
    {
        TreePath = treePath;
        Entry = entry;
        CacheHit = cacheHit;
        _lock = sharedLock;
    }

    public string TreePath { get; }
    public BaseTreeEntry Entry { get; }

    /// <summary>True when the tree was already cached; false when this build bootstrapped it.</summary>
    public bool CacheHit { get; }

    public void Dispose() => _lock.Dispose();
}
