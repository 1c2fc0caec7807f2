namespace Kiln.Builder;

/// <summary>Where the builder keeps its cache and scratch space, and which mirror it bootstraps from.</summary>
public sealed class BuilderOptions
{
    /// <summary>Base trees, shared by builds and kept across restarts.</summary>
    public string CacheDirectory { get; init; } = "/var/cache/kiln";

    /// <summary>Scratch space of running builds (trees and raw disks); emptied when each build ends.</summary>
    public string WorkDirectory { get; init; } = "/var/tmp/kiln";

    /// <summary>Debian mirror; null uses the first Debian mirror of this machine's APT sources.</summary>
    public string? Mirror { get; init; }

    /// <summary>Bound of the base tree cache; least recently used trees are evicted beyond it.</summary>
    public long CacheMaxBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Check the appliance's packages against the release's signed package index before building.</summary>
    public bool CheckPackages { get; init; } = true;

    /// <summary>Conversions run at once; each qemu-img uses about one core.</summary>
    public int MaxParallelConversions { get; init; } = Math.Max(1, Environment.ProcessorCount);
}
