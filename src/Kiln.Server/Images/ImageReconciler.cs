using Kiln.Builder;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Images;

/// <summary>
/// Makes sure no image stays queued or generating for ever: when the job that builds an unfinished image has ended
/// without finishing it (failed after its retry because workers died, or cancelled) or is gone, the image takes that
/// ending. Runs at start and then periodically, in every API process.
/// </summary>
internal sealed class ImageReconciler(ICatalogStore catalog, IJobQueue queue, ImageBuilder builder, IOptions<KilnOptions> options,
    TimeProvider time, ILogger<ImageReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        do
        {
            try
            {
                await queue.ExpireLeasesAsync(stoppingToken).ConfigureAwait(false);
                await ReconcileAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.ReconcileFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var image in await catalog.ListUnfinishedImagesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (image.JobId is not { } jobId)
                continue;
            var job = await queue.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
            var work = image.Source is null ? "build" : "import";
            var status = job?.State switch
            {
                null => new ImageStatus(ImageState.Error, image.Status.Percentage, $"the {work} was lost",
                    $"The job that made image {image.Id} no longer exists."),
                JobState.Failed => new ImageStatus(ImageState.Error, image.Status.Percentage, $"the {work} was interrupted",
                    $"The {work} stopped {job.Attempts} time(s) without finishing (the worker was stopped or killed) and was not tried again.",
                    job.Detail),
                JobState.Cancelled => ImageGeneration.CancelledByUser with { Percentage = image.Status.Percentage },
                JobState.Succeeded => new ImageStatus(ImageState.Error, image.Status.Percentage, $"the {work} ended without its image",
                    job.Detail),
                _ => null,
            };
            if (status is null)
                continue;
            await catalog.UpdateImageStatusAsync(image.Id, status, cancellationToken).ConfigureAwait(false);
            await BuildDirectories.SweepAsync(options.Value.BuildsDirectory, image.Id, except: null, cancellationToken).ConfigureAwait(false);
            logger.ImageReconciled(image.Id, status.State.ToString());
            changed++;
        }
        if (changed > 0)
            await builder.SweepAsync(cancellationToken).ConfigureAwait(false); // the scratch space and tools of the builds given up
        return changed;
    }
}
