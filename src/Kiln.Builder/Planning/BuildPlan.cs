using Kiln.Builder.Appliances;
using Kiln.Builder.Cache;
using Kiln.Builder.Formats;
using Kiln.Builder.OsProfiles;

namespace Kiln.Builder.Planning;

/// <summary>
/// Everything a build will do, decided before it starts: the base tree's key, the packages, the disk layout with
/// every identifier, the kernel command line, the formats and the stages with their progress weights.
/// </summary>
public sealed record BuildPlan(
    ApplianceDefinition Appliance,
    DistributionRelease Release,
    OsProfile Profile,
    string Architecture,
    IReadOnlyList<string> Packages,
    BaseTreeKey BaseKey,
    DiskLayout Layout,
    DiskIdentifiers Ids,
    string KernelCommandLine,
    IReadOnlyList<TargetFormat> Formats,
    IReadOnlyList<PlannedStage> Stages,
    string ArtefactBaseName,
    DateTimeOffset Timestamp)
{
    public bool Uefi => Layout.Uefi;

    public string ArtefactFileName(TargetFormat format) => $"{ArtefactBaseName}.{format.Extension}";

    /// <summary>The disk formats to convert to: the requested ones, plus the VMDK an OVA wraps.</summary>
    public IReadOnlyList<TargetFormat> Conversions =>
        [.. Formats.Where(f => f.Kind == FormatKind.DiskImage)
            .Concat(Formats.Any(f => f.Kind == FormatKind.Ova) && !Formats.Contains(TargetFormats.Vmdk) ? [TargetFormats.Vmdk] : [])
            .OrderByDescending(f => f.ConvertWeight)];
}
