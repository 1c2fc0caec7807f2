using Kiln.Builder.Appliances;
using Kiln.Builder.Cache;
using Kiln.Builder.Formats;
using Kiln.Builder.OsProfiles;

namespace Kiln.Builder.Planning;

/// <summary>Turns a validated request into a <see cref="BuildPlan"/>. Pure: no tool runs here.</summary>
public static class BuildPlanner
{
    public static BuildPlan Plan(BuildRequest request, string mirror, DiskIdentifiers ids, DateTimeOffset timestamp,
        Func<BaseTreeKey, int?>? knownTreeMiB = null)
    {
        var appliance = request.Appliance;
        ApplianceValidator.ThrowIfInvalid(appliance, request.Formats);

        var release = OsProfileCatalog.FindRelease(appliance.Os.Distribution, appliance.Os.Release)!;
        var profile = release.FindProfile(appliance.Os.Profile)!;
        var architecture = OsProfileCatalog.Architectures[appliance.Os.Arch];
        var packages = PackagesFor(appliance, profile);
        var key = new BaseTreeKey(release.Distribution, release.Codename, architecture, profile.Name, packages, mirror);

        // With the real size of an already cached tree, the disk check is exact instead of an estimate.
        if (knownTreeMiB?.Invoke(key) is { } treeMiB)
            ApplianceValidator.ThrowIfInvalid(appliance, request.Formats, treeMiB);

        var install = appliance.InstallProfile;
        var layout = DiskLayout.Create(install.DiskSize, install.SwapSize, appliance.Boot == "uefi");
        var formats = request.Formats.Select(f => TargetFormats.Find(f)!).Distinct().ToList();
        return new BuildPlan(appliance, release, profile, architecture, packages, key, layout, ids,
            KernelCommandLine(ids, install.KernelParameters), formats, StagesFor(formats), $"{appliance.Name}-{appliance.Version}", timestamp);
    }

    /// <summary>The profile's packages, the appliance's, and what its settings need (sudo, an SSH server).</summary>
    internal static IReadOnlyList<string> PackagesFor(ApplianceDefinition appliance, OsProfile profile)
    {
        var install = appliance.InstallProfile;
        var implied = new List<string>();
        if (install.Users.Any(u => u.Sudo))
            implied.Add("sudo");
        if (install.Users.Any(u => u.SshKeys.Count > 0) || install.RootUser.SshKeys.Count > 0)
            implied.Add("openssh-server");
        return [.. profile.Packages.Concat(appliance.Os.Packages).Concat(implied).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    internal static string KernelCommandLine(DiskIdentifiers ids, string? kernelParameters)
    {
        // ttyS0 last: it becomes /dev/console, where the first-boot marker and boot messages go.
        var line = $"root=UUID={ids.RootFsUuid} ro console=tty0 console=ttyS0,115200";
        return string.IsNullOrWhiteSpace(kernelParameters) ? line : line + " " + kernelParameters.Trim();
    }

    internal static IReadOnlyList<PlannedStage> StagesFor(IReadOnlyList<TargetFormat> formats)
    {
        var conversions = formats.Where(f => f.Kind != FormatKind.Ova).Sum(f => f.ConvertWeight)
            + (formats.Any(f => f.Kind == FormatKind.Ova) && !formats.Contains(TargetFormats.Vmdk) ? TargetFormats.Vmdk.ConvertWeight : 0);
        var stages = new List<PlannedStage>
        {
            new(StageNames.Bootstrap, 40),
            new(StageNames.Customize, 4),
            new(StageNames.Disk, 10),
            new(StageNames.Convert, conversions),
        };
        if (formats.Any(f => f.Checkable))
            stages.Add(new(StageNames.Verify, 2));
        if (formats.Any(f => f.Kind == FormatKind.Ova))
            stages.Add(new(StageNames.Package, 3));
        stages.Add(new(StageNames.Checksum, 2 * formats.Count));
        return stages;
    }
}
