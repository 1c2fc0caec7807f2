namespace Kiln.Builder;

/// <summary>One file a build produced.</summary>
/// <param name="VirtualSizeBytes">The size of the disk the guest sees (the OVA's disk for an OVA); null for tarballs.</param>
/// <param name="ProducedIn">Time spent making it from the raw disk or tree (for an OVA: its VMDK plus packaging).</param>
public sealed record Artefact(string Format, string Path, long SizeBytes, string Sha256, long? VirtualSizeBytes, TimeSpan ProducedIn);

public sealed record StageTiming(string Stage, TimeSpan Elapsed);

/// <summary>What a finished build did: its artefacts, whether the base tree came from the cache, how long each stage took.</summary>
public sealed record BuildReport(
    string Appliance,
    string BaseKey,
    bool BaseCacheHit,
    IReadOnlyList<Artefact> Artefacts,
    IReadOnlyList<StageTiming> Stages,
    TimeSpan Elapsed)
{
    /// <summary>The packages installed in the image, from its dpkg status.</summary>
    public IReadOnlyList<Packages.PackageInfo> Packages { get; init; } = [];
}
