using Kiln.Builder.Formats;
using Kiln.Builder.Planning;
using Kiln.Builder.Tools;

namespace Kiln.Builder.Stages;

/// <summary>
/// Converts the one raw disk to every disk format the build needs, and archives the tree for tar.gz, in parallel:
/// the slowest (streamOptimized VMDK, which compresses on one core) starts first. Host tools: qemu-img, tar.
/// </summary>
internal sealed class ConvertStage : IBuildStage
{
    public string Name => StageNames.Convert;

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var jobs = plan.Conversions.Select(f => (Format: f, Run: (Func<CancellationToken, Task>)(ct => ConvertAsync(context, f, ct))))
            .Concat(plan.Formats.Where(f => f.Kind == FormatKind.RootTarball)
                .Select(f => (Format: f, Run: (Func<CancellationToken, Task>)(ct => ArchiveAsync(context, f, ct)))))
            .ToList();
        var total = jobs.Sum(j => j.Format.ConvertWeight);
        var done = 0;
        context.Progress.Report(Name, 0, "converting to " + string.Join(", ", jobs.Select(j => j.Format.Name)));

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(context.Options.MaxParallelConversions);
        var tasks = jobs.Select(async job =>
        {
            await slots.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await job.Run(linked.Token).ConfigureAwait(false);
                context.ProductionTimes[job.Format] = watch.Elapsed;
                var finished = Interlocked.Add(ref done, job.Format.ConvertWeight);
                context.Progress.Report(Name, (double)finished / total, $"{job.Format.Name} done");
            }
            catch
            {
                // One failure stops the others at once instead of letting them run to completion for nothing.
                await linked.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task ConvertAsync(BuildContext context, TargetFormat format, CancellationToken cancellationToken)
    {
        var output = context.OutputPathFor(format);
        await context.RunAsync(QemuImg.Convert(context.Workspace.RawDisk, format, output), cancellationToken).ConfigureAwait(false);
        context.Outputs[format] = output;
    }

    private static async Task ArchiveAsync(BuildContext context, TargetFormat format, CancellationToken cancellationToken)
    {
        var output = context.OutputPathFor(format);
        await context.RunAsync(Tar.RootTarball(context.Workspace.Tree, output), cancellationToken).ConfigureAwait(false);
        context.Outputs[format] = output;
    }
}
