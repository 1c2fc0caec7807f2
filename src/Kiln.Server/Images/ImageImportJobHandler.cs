using System.Globalization;
using Kiln.Blobs;
using Kiln.Builder.Processes;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Images;

/// <summary>
/// Imports one image on a worker: downloads its URL into builds/{id}-{lease}/ (<see cref="ImageDownload"/>), has
/// the file inspected (<see cref="ImportedImageInspector"/>: only self-contained, sound images of the allowed formats
/// are kept), moves it into the blob store and completes the image with the format found. A failure or refusal ends
/// the image in error with the step, what and why, and the tool's words; a cancel or delete through the API stops the
/// import within seconds. Nothing is left behind either way. Runs again from the start after an interrupted attempt
/// (the queue retries once).
/// </summary>
internal sealed partial class ImageImportJobHandler(ICatalogStore catalog, IBlobStore blobs, IHttpClientFactory http, IProcessRunner runner,
    IOptions<KilnOptions> options, TimeProvider time, ILogger<ImageImportJobHandler> logger) : IJobHandler
{
    /// <summary>The download fills the status up to here; inspecting takes it to <see cref="StoreShare"/>, storing the rest.</summary>
    public const int DownloadShare = 80;

    public const int StoreShare = 90;

    public const string StoreStep = "storing";

    public string Type => ImageImportJob.Type;

    public async Task<string?> RunAsync(JobLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var imageId = ImageImportJob.ImageId(lease.Payload);
        var image = await catalog.GetImageByIdAsync(imageId, cancellationToken).ConfigureAwait(false)
            ?? throw new JobCancelledException($"image {imageId} was deleted before its import started");
        switch (image.Status.State)
        {
            case ImageState.Complete:
                return $"image {imageId} is already complete";
            case ImageState.Cancelled:
                throw new JobCancelledException($"image {imageId} was cancelled before its import started");
            case ImageState.Error:
                throw new InvalidOperationException($"image {imageId} already ended in error: {image.Status.ErrorMessage}");
        }

        var settings = options.Value;
        var output = BuildDirectories.For(settings.BuildsDirectory, imageId, lease.Token);
        await BuildDirectories.SweepAsync(settings.BuildsDirectory, imageId, except: output, cancellationToken).ConfigureAwait(false);
        using var import = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = new BuildStatusReporter(catalog, imageId, settings.StatusInterval, time, import);
        await using (reporter.ConfigureAwait(false))
        {
            try
            {
                reporter.Set(new ImageStatus(ImageState.Generating, 0,
                    lease.Attempt > 1 ? "importing again: the previous attempt was interrupted" : "starting the import"));
                await reporter.FlushAsync(import.Token).ConfigureAwait(false);
                var source = Source(image);
                var url = ImageDownload.Display(source);
                var logged = source.GetLeftPart(UriPartial.Path); // a query may hold a signature
                LogImportStarted(logger, imageId, logged, lease.Attempt);
                Directory.CreateDirectory(output);
                var file = Path.Combine(output, "image");

                var downloaded = await ImageDownload.DownloadAsync(http.CreateClient(ImageImportJob.HttpClientName), source, file,
                    settings.MaxImportBytes, settings.ImportStallTimeout, (received, total) => reporter.Set(Downloading(received, total)),
                    import.Token).ConfigureAwait(false);

                reporter.Set(new ImageStatus(ImageState.Generating, DownloadShare, "inspecting the image"));
                await reporter.FlushAsync(import.Token).ConfigureAwait(false);
                var inspected = await ImportedImageInspector.InspectAsync(runner, file, url, settings.MaxImportVirtualBytes, import.Token)
                    .ConfigureAwait(false);

                reporter.Set(new ImageStatus(ImageState.Generating, StoreShare, "storing the image"));
                await reporter.FlushAsync(import.Token).ConfigureAwait(false);
                var key = ImageImportJob.BlobPrefix(imageId) + "image." + inspected.Extension;
                var stored = await StoreAsync(key, file, downloaded.Sha256, import.Token).ConfigureAwait(false);
                var artefact = new ImageArtefact(key, FileName(image, source, inspected.Extension), stored.Size, stored.Sha256)
                {
                    VirtualSize = inspected.VirtualSize,
                };
                var done = await catalog.CompleteImportAsync(imageId, inspected.Format, artefact, CancellationToken.None).ConfigureAwait(false);
                if (done?.Status.State != ImageState.Complete)
                {
                    // Cancelled or deleted while the file was being stored: it must not outlive the image.
                    await blobs.DeletePrefixAsync(ImageImportJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                    throw new JobCancelledException(done is null ? $"image {imageId} was deleted" : $"image {imageId} was cancelled");
                }
                LogImportCompleted(logger, imageId, artefact.FileName, inspected.Format, artefact.Size);
                return $"{artefact.FileName}: {inspected.Format}, {artefact.Size} bytes, sha256 {artefact.Sha256}";
            }
            catch (Exception e) when (e is not JobCancelledException && reporter.EndedBecause is { } reason && !cancellationToken.IsCancellationRequested)
            {
                // Cancelled or deleted through the API: whatever the interrupted step threw, that is the ending.
                await blobs.DeletePrefixAsync(ImageImportJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                throw new JobCancelledException(reason, e);
            }
            catch (Exception e) when (e is not (OperationCanceledException or JobCancelledException) && cancellationToken.IsCancellationRequested)
            {
                // Stopped by the worker (cancel through the queue, shutdown) while a step was failing because of it.
                throw new OperationCanceledException($"the import of image {imageId} was stopped", e, cancellationToken);
            }
            catch (Exception e) when (e is not (OperationCanceledException or JobCancelledException))
            {
                // Nothing of the import is left once its status says error.
                BuildDirectories.Delete(output);
                await catalog.UpdateImageStatusAsync(imageId, Failed(reporter.Last, e), CancellationToken.None).ConfigureAwait(false);
                await blobs.DeletePrefixAsync(ImageImportJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                if (e is ImportFailedException refused)
                    LogImportRefused(logger, imageId, refused.Step, refused.Message);
                else
                    LogImportFailed(logger, e, imageId);
                throw;
            }
            finally
            {
                BuildDirectories.Delete(output);
            }
        }
    }

    private async Task<BlobInfo> StoreAsync(string key, string file, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.PutFileAsync(key, file, sha256, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ImportFailedException(StoreStep, $"The image could not be stored: {e.Message}", null, e);
        }
    }

    private static Uri Source(Image image) =>
        image.Source is { } text && Uri.TryCreate(text, UriKind.Absolute, out var source)
            ? source
            : throw new ImportFailedException(ImageDownload.Step, $"Image {image.Id} has no URL to import from ('{image.Source}').");

    /// <summary>"downloading (12.5 MiB of 300 MiB)", the percentage up to <see cref="DownloadShare"/> when the length is known.</summary>
    internal static ImageStatus Downloading(long received, long? total) =>
        total is > 0 and var length
            ? new ImageStatus(ImageState.Generating, (int)Math.Clamp(received * DownloadShare / length, 0, DownloadShare),
                string.Create(CultureInfo.InvariantCulture, $"downloading ({MiB(received)} MiB of {MiB(length)} MiB)"))
            : new ImageStatus(ImageState.Generating, 0, string.Create(CultureInfo.InvariantCulture, $"downloading ({MiB(received)} MiB)"));

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// The name the file is downloaded under: the label's name, else the URL's last segment without its image
    /// extension, each kept to [A-Za-z0-9._-] (other characters become '-'), else image-{id}; then the format's extension.
    /// </summary>
    internal static string FileName(Image image, Uri source, string extension)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(source);
        var segment = source.IsAbsoluteUri && source.Segments.Length > 0 ? Uri.UnescapeDataString(source.Segments[^1]).Trim('/') : "";
        var stem = Path.GetExtension(segment).ToLowerInvariant() is ".qcow2" or ".qcow" or ".vmdk" or ".vdi" or ".vhd" or ".vhdx" or ".img" or ".raw"
            ? Path.GetFileNameWithoutExtension(segment)
            : segment;
        var name = ImageFileNames.Safe(image.Label.Name) ?? ImageFileNames.Safe(stem) ?? string.Create(CultureInfo.InvariantCulture, $"image-{image.Id}");
        return $"{name}.{extension}";
    }

    /// <summary>As <see cref="ImageBuildJobHandler.Failed"/>: UForge clients print message (the step), errorMessage (what and why), detailedErrorMsg (the tool's words).</summary>
    internal static ImageStatus Failed(ImageStatus last, Exception e)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(e);
        var (message, error, detail) = e switch
        {
            ImportFailedException failed => ($"{failed.Step} failed", failed.Message, failed.Detail),
            IOException io => ($"{StoreStep} failed", io.Message, null),
            _ => ("the import failed", e.Message, null),
        };
        return new ImageStatus(ImageState.Error, last.Percentage, message, error, detail is not null && detail != error ? detail : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {ImageId}: importing {Url} (attempt {Attempt})")]
    private static partial void LogImportStarted(ILogger logger, long imageId, string url, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {ImageId}: imported, {FileName} ({Format}, {Size} bytes)")]
    private static partial void LogImportCompleted(ILogger logger, long imageId, string fileName, string format, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {ImageId}: import refused while {Step}: {Reason}")]
    private static partial void LogImportRefused(ILogger logger, long imageId, string step, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {ImageId}: import failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, long imageId);
}
