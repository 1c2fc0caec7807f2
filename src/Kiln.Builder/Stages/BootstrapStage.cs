using Kiln.Builder.Planning;
using Kiln.Builder.Processes;
using Kiln.Builder.Tools;

namespace Kiln.Builder.Stages;

/// <summary>Gets the base tree from the cache, bootstrapping it with mmdebstrap on a miss, and copies it into the workspace.</summary>
internal sealed class BootstrapStage : IBuildStage
{
    // mmdebstrap announces its phases on stderr; each moves the bar to a known share of the stage.
    private static readonly (string Marker, double Fraction)[] Phases =
    [
        ("I: automatically chosen", 0.02), ("I: running apt-get update", 0.05), ("I: downloading packages", 0.10),
        ("I: extracting archives", 0.30), ("I: installing essential packages", 0.40),
        ("I: installing remaining packages", 0.55), ("I: cleaning package lists", 0.85),
    ];

    public string Name => StageNames.Bootstrap;

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        context.Progress.Report(Name, 0, $"base tree {plan.BaseKey.Value[..12]}: {plan.Release.Distribution} {plan.Release.Codename} {plan.Profile.Name}");
        using var lease = await context.Cache.AcquireAsync(plan.BaseKey, (target, ct) =>
        {
            context.Progress.Report(Name, 0.01, $"bootstrapping {plan.Release.Codename} from {plan.BaseKey.Mirror}");
            return context.RunAsync(Mmdebstrap.Bootstrap(plan.Release.Codename, plan.Architecture, plan.Packages,
                plan.BaseKey.Mirror, target, line => OnMmdebstrapLine(context, line)), ct);
        }, cancellationToken).ConfigureAwait(false);
        context.BaseCacheHit = lease.CacheHit;

        context.Progress.Report(Name, 0.9, lease.CacheHit ? "base tree found in cache; copying" : "copying base tree");
        // --reflink shares blocks where the file system can (btrfs, XFS); elsewhere it is a plain copy.
        await context.RunAsync(new ToolInvocation("cp", ["-a", "--preserve=all", "--reflink=auto", "--", lease.TreePath, context.Workspace.Tree]),
            cancellationToken).ConfigureAwait(false);
        context.Progress.Report(Name, 1, lease.CacheHit ? "base tree from cache" : "base tree bootstrapped");
    }

    private void OnMmdebstrapLine(BuildContext context, string line)
    {
        foreach (var (marker, fraction) in Phases)
            if (line.StartsWith(marker, StringComparison.Ordinal))
                context.Progress.Report(Name, fraction, line[3..].TrimEnd('.', ' '));
    }
}
