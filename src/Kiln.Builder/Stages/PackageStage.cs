using Kiln.Builder.Formats;
using Kiln.Builder.Packaging;
using Kiln.Builder.Planning;

namespace Kiln.Builder.Stages;

/// <summary>Wraps the verified streamOptimized VMDK into an OVA with its OVF descriptor and manifest.</summary>
internal sealed class PackageStage : IBuildStage
{
    public string Name => StageNames.Package;

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var plan = context.Plan;
        var vmdk = context.Outputs[TargetFormats.Vmdk];
        context.Progress.Report(Name, 0, "hashing the disk for the OVA manifest");
        var diskSha256 = await context.Checksums.Sha256Async(vmdk, cancellationToken).ConfigureAwait(false);

        context.Progress.Report(Name, 0.4, "writing the OVA");
        var install = plan.Appliance.InstallProfile;
        var machine = new OvfMachine(plan.Appliance.Name, plan.Appliance.Version, plan.Appliance.Description,
            $"{Capitalize(plan.Release.Distribution)} {plan.Release.Release} ({plan.Release.Codename}) 64-bit",
            install.CpuCount, install.MemorySize, plan.ArtefactBaseName + "-disk1.vmdk", new FileInfo(vmdk).Length, plan.Layout.DiskBytes);
        var ova = context.OutputPathFor(TargetFormats.Ova);
        await OvaWriter.WriteAsync(ova, plan.ArtefactBaseName, machine, vmdk, diskSha256, plan.Timestamp, cancellationToken)
            .ConfigureAwait(false);
        context.Outputs[TargetFormats.Ova] = ova;
        context.ProductionTimes[TargetFormats.Ova] = context.ProductionTimes.GetValueOrDefault(TargetFormats.Vmdk) + watch.Elapsed;
        context.Progress.Report(Name, 1, "OVA written");
    }

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
