using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Jobs;

namespace Kiln.Server.Images;

/// <summary>
/// What the API does to images besides reading them: generate (record, then queue the build), import from a URL
/// (record, then queue the import), cancel, delete (artefacts first, then the record) and regenerate. Builds and
/// imports themselves run in <see cref="ImageBuildJobHandler"/> and <see cref="ImageImportJobHandler"/>.
/// </summary>
internal sealed class ImageGeneration(ICatalogStore catalog, IJobQueue queue, IBlobStore blobs)
{
    public static readonly ImageStatus CancelledByUser = new(ImageState.Cancelled, 0, "cancelled");

    public async Task<Image> GenerateAsync(NewImage request, CancellationToken cancellationToken)
    {
        var image = await catalog.CreateImageAsync(request, cancellationToken).ConfigureAwait(false);
        // From here on the request must not be abandoned half-way: a queued job without its link still builds (the
        // payload names the image), but an image without a job would wait forever.
        var jobId = await queue.EnqueueAsync(ImageBuildJob.Type, ImageBuildJob.Payload(image.Id), CancellationToken.None).ConfigureAwait(false);
        return await catalog.SetImageJobAsync(image.Id, jobId, CancellationToken.None).ConfigureAwait(false) ?? image;
    }

    /// <summary>Longest URL an import accepts.</summary>
    public const int MaxSourceLength = 8192;

    /// <summary>
    /// Records an image of <paramref name="owner"/> to import from <paramref name="source"/> and queues the import
    /// (job "image-import"); returns the image, queued, at once. The URL must be absolute http or https, without user
    /// name or password: otherwise <see cref="ArgumentException"/> (a 400) and nothing is recorded.
    /// </summary>
    public async Task<Image> ImportAsync(string owner, Uri source, ImageLabel label, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(label);
        CheckImportSource(source);
        var image = await catalog.CreateImportAsync(new NewImport(owner, source.AbsoluteUri, label), cancellationToken).ConfigureAwait(false);
        // As for a generation: once recorded, the image must get its job.
        var jobId = await queue.EnqueueAsync(ImageImportJob.Type, ImageImportJob.Payload(image.Id), CancellationToken.None).ConfigureAwait(false);
        return await catalog.SetImageJobAsync(image.Id, jobId, CancellationToken.None).ConfigureAwait(false) ?? image;
    }

    /// <summary>Throws <see cref="ArgumentException"/>, whose message is for the client as it is (no parameter name appended), unless <paramref name="source"/> is a URL an import fetches.</summary>
    public static void CheckImportSource(Uri? source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.IsAbsoluteUri)
            throw new ArgumentException($"An image is imported from an absolute http or https URL, not '{source.OriginalString}'.");
        if (source.Scheme != Uri.UriSchemeHttp && source.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"An image is imported from an http or https URL; '{source.Scheme}' URLs are not fetched.");
        if (string.IsNullOrEmpty(source.Host))
            throw new ArgumentException("An image's URL must name a host.");
        if (source.UserInfo.Length > 0)
            throw new ArgumentException("An image's URL must not carry a user name or password (it would be kept and shown with the image).");
        if (source.AbsoluteUri.Length > MaxSourceLength)
            throw new ArgumentException($"An image's URL may be at most {MaxSourceLength} characters long.");
    }

    /// <summary>A new image from the same request as <paramref name="image"/>: same definition snapshot, target format and compress flag.</summary>
    public Task<Image> RegenerateAsync(Image image, CancellationToken cancellationToken) =>
        image is { ApplianceId: { } applianceId, Definition: { } definition }
            ? GenerateAsync(new NewImage(image.Owner, applianceId, image.TargetFormat, image.Format, image.Compress, definition), cancellationToken)
            : throw new CatalogConflictException($"Image {image.Id} was imported, not generated: there is no request to generate again.");

    /// <summary>
    /// Marks the image cancelled (final at once, so nothing the build still reports can undo it) and stops its job:
    /// a queued job ends now, a running build notices within seconds and removes its files.
    /// </summary>
    public async Task<Image> CancelAsync(Image image, CancellationToken cancellationToken)
    {
        if (image.Status.IsFinal)
            throw new CatalogConflictException($"Image {image.Id} is already {image.Status.State.ToString().ToLowerInvariant()}: there is no generation to cancel.");
        var cancelled = await catalog.UpdateImageStatusAsync(image.Id, CancelledByUser with { Percentage = image.Status.Percentage },
            cancellationToken).ConfigureAwait(false) ?? image;
        if (image.JobId is { } job)
            await queue.CancelAsync(job, CancellationToken.None).ConfigureAwait(false);
        return cancelled;
    }

    /// <summary>Stops a generation under way, deletes the artefacts, then the record; false when the image was not found.</summary>
    public async Task<bool> DeleteAsync(Image image, CancellationToken cancellationToken)
    {
        if (!image.Status.IsFinal)
            await CancelAsync(image, cancellationToken).ConfigureAwait(false);
        await blobs.DeletePrefixAsync(ImageBuildJob.BlobPrefix(image.Id), cancellationToken).ConfigureAwait(false);
        return await catalog.DeleteImageAsync(image.Owner, image.Id, CancellationToken.None).ConfigureAwait(false);
    }
}
