using Kiln.Blobs;
using Kiln.Builder;
using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Images;

/// <summary>
/// Builds one image on a worker: runs the image builder on the image's definition snapshot, moves the artefact into
/// the blob store and completes the image with it and its installed packages. A failure ends the image in error
/// with the stage, the message and the tool's stderr tail; a cancel or delete through the API stops the build within
/// seconds and leaves no file. Runs again after an interrupted attempt (the queue retries once).
/// </summary>
internal sealed class ImageBuildJobHandler(ICatalogStore catalog, IBlobStore blobs, ImageBuilder builder, IOptions<KilnOptions> options,
    TimeProvider time, ILogger<ImageBuildJobHandler> logger) : IJobHandler
{
    public string Type => ImageBuildJob.Type;

    public async Task<string?> RunAsync(JobLease lease, CancellationToken cancellationToken)
    {
        var imageId = ImageBuildJob.ImageId(lease.Payload);
        var image = await catalog.GetImageByIdAsync(imageId, cancellationToken).ConfigureAwait(false)
            ?? throw new JobCancelledException($"image {imageId} was deleted before its build started");
        switch (image.Status.State)
        {
            case ImageState.Complete:
                return $"image {imageId} is already complete";
            case ImageState.Cancelled:
                throw new JobCancelledException($"image {imageId} was cancelled before its build started");
            case ImageState.Error:
                throw new InvalidOperationException($"image {imageId} already ended in error: {image.Status.ErrorMessage}");
        }

        var settings = options.Value;
        var output = BuildDirectories.For(settings.BuildsDirectory, imageId, lease.Token);
        await BuildDirectories.SweepAsync(settings.BuildsDirectory, imageId, except: output, cancellationToken).ConfigureAwait(false);
        using var build = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = new BuildStatusReporter(catalog, imageId, settings.StatusInterval, time, build);
        await using (reporter.ConfigureAwait(false))
        {
            try
            {
                reporter.Set(new ImageStatus(ImageState.Generating, 0,
                    lease.Attempt > 1 ? "building again: the previous attempt was interrupted" : "starting"));
                await reporter.FlushAsync(build.Token).ConfigureAwait(false);
                logger.BuildStarted(imageId, image.Format, lease.Attempt);
                var report = await builder.BuildAsync(new BuildRequest(image.Definition
                    ?? throw new InvalidOperationException($"image {imageId} was imported: there is nothing to build"), [image.Format], output) { Overwrite = true }, reporter,
                    build.Token).ConfigureAwait(false);
                var built = report.Artefacts.Single();
                reporter.Set(new ImageStatus(ImageState.Generating, BuildStatusReporter.BuildShare, "storing the image"));
                await reporter.FlushAsync(build.Token).ConfigureAwait(false);
                var key = ImageBuildJob.BlobPrefix(imageId) + "image" + Path.GetExtension(built.Path);
                var stored = await blobs.PutFileAsync(key, built.Path, built.Sha256, build.Token).ConfigureAwait(false);
                var artefact = new ImageArtefact(key, Path.GetFileName(built.Path), stored.Size, stored.Sha256) { VirtualSize = built.VirtualSizeBytes };
                var done = await catalog.CompleteImageAsync(imageId, artefact, report.Packages, CancellationToken.None).ConfigureAwait(false);
                if (done?.Status.State != ImageState.Complete)
                {
                    // Cancelled or deleted while the artefact was being stored: it must not outlive the image.
                    await blobs.DeletePrefixAsync(ImageBuildJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                    throw new JobCancelledException(done is null ? $"image {imageId} was deleted" : $"image {imageId} was cancelled");
                }
                logger.BuildCompleted(imageId, artefact.FileName, artefact.Size, report.Elapsed.TotalSeconds);
                return $"{artefact.FileName}: {artefact.Size} bytes, sha256 {artefact.Sha256}";
            }
            catch (OperationCanceledException) when (reporter.EndedBecause is { } reason && !cancellationToken.IsCancellationRequested)
            {
                throw new JobCancelledException(reason);
            }
            catch (Exception e) when (e is not (OperationCanceledException or JobCancelledException))
            {
                // Nothing of the build is left once its status says error.
                BuildDirectories.Delete(output);
                await catalog.UpdateImageStatusAsync(imageId, Failed(reporter.Last, e), CancellationToken.None).ConfigureAwait(false);
                await blobs.DeletePrefixAsync(ImageBuildJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                logger.BuildFailed(e, imageId);
                throw;
            }
            finally
            {
                BuildDirectories.Delete(output);
            }
        }
    }

    /// <summary>UForge clients print message, then errorMessage, then detailedErrorMsg: the step, what failed, the tool's own words.</summary>
    internal static ImageStatus Failed(ImageStatus last, Exception e)
    {
        var (message, error, detail) = e switch
        {
            ApplianceValidationException invalid =>
                ("the appliance cannot be built", "The appliance definition is invalid: " + string.Join("; ", invalid.Errors), null),
            BuildFailedException failed => ($"{failed.Stage} failed", FirstLine(failed.Message), failed.Message),
            IOException io => ("storing the image failed", io.Message, null),
            _ => ("the build failed", e.Message, null),
        };
        return new ImageStatus(ImageState.Error, last.Percentage, message, error, detail is not null && detail != error ? detail : null);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd(':', '\r', ' ');
}
