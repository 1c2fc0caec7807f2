using Kiln.Builder;
using Kiln.Catalog;

namespace Kiln.Server.Images;

/// <summary>
/// Carries a build's progress into the image's status, at most once per interval (stages report far more often than
/// clients poll), and watches the image meanwhile: when it is cancelled or deleted through the API, in this process
/// or another, the build is cancelled within an interval.
/// </summary>
internal sealed class BuildStatusReporter : IProgress<BuildProgress>, IAsyncDisposable
{
    /// <summary>The build's own stages fill the status up to here; storing the artefact takes the rest.</summary>
    public const int BuildShare = 95;

    private readonly ICatalogStore _catalog;
    private readonly long _imageId;
    private readonly CancellationTokenSource _build;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private ImageStatus? _pending;

    public BuildStatusReporter(ICatalogStore catalog, long imageId, TimeSpan interval, TimeProvider time, CancellationTokenSource build)
    {
        _catalog = catalog;
        _imageId = imageId;
        _build = build;
        _timer = new PeriodicTimer(interval, time);
        _loop = LoopAsync();
    }

    /// <summary>Why the build was stopped from outside (the image was cancelled or deleted), or null.</summary>
    public string? EndedBecause { get; private set; }

    /// <summary>The last status handed in, for an error status to keep its percentage.</summary>
    public ImageStatus Last { get; private set; } = new(ImageState.Generating, 0, "starting");

    public void Report(BuildProgress value) =>
        Set(new ImageStatus(ImageState.Generating, (int)Math.Clamp(value.Percent * BuildShare / 100, 0, BuildShare), value.Message));

    public void Set(ImageStatus status)
    {
        lock (_gate)
        {
            if (status == Last)
                return;
            Last = status;
            _pending = status;
        }
    }

    /// <summary>Writes what is pending now (a stage change clients should see before a long step).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => WriteAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            try
            {
                await WriteAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The reporter must never fail the build: a status write that fails is tried again at the next tick.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        ImageStatus? pending;
        lock (_gate)
            (pending, _pending) = (_pending, null);
        Image? image;
        try
        {
            image = pending is null
                ? await _catalog.GetImageByIdAsync(_imageId, cancellationToken).ConfigureAwait(false)
                : await _catalog.UpdateImageStatusAsync(_imageId, pending, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
                _pending ??= pending;
            throw;
        }
        var reason = image switch
        {
            null => $"image {_imageId} was deleted",
            { Status.State: ImageState.Cancelled } => $"image {_imageId} was cancelled",
            { Status.IsFinal: true } => $"image {_imageId} is already {image.Status.State.ToString().ToLowerInvariant()}",
            _ => null,
        };
        if (reason is not null && EndedBecause is null)
        {
            EndedBecause = reason;
            await _build.CancelAsync().ConfigureAwait(false);
        }
    }
}
