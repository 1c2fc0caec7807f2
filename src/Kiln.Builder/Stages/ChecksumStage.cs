using Kiln.Builder.Formats;
using Kiln.Builder.Planning;

namespace Kiln.Builder.Stages;

/// <summary>Computes each requested artefact's size and SHA-256, in parallel.</summary>
internal sealed class ChecksumStage : IBuildStage
{
    public string Name => StageNames.Checksum;

    public IReadOnlyList<Artefact> Artefacts { get; private set; } = [];

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        context.Progress.Report(Name, 0, "computing SHA-256 of " + string.Join(", ", plan.Formats));
        var artefacts = await Task.WhenAll(plan.Formats.Select(async format =>
        {
            var path = context.Outputs[format];
            var sha256 = await context.Checksums.Sha256Async(path, cancellationToken).ConfigureAwait(false);
            long? virtualSize = format.Kind == FormatKind.RootTarball ? null : plan.Layout.DiskBytes;
            return new Artefact(format.Name, path, new FileInfo(path).Length, sha256, virtualSize,
                context.ProductionTimes.GetValueOrDefault(format));
        })).ConfigureAwait(false);
        Artefacts = artefacts;
        context.Progress.Report(Name, 1, "checksums done");
    }
}
