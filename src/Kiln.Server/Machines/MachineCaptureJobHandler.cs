using System.Globalization;
using System.Text.Json;
using Kiln.Blobs;
using Kiln.Builder.Processes;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Machines;
using Kiln.Server.Hosting;
using Kiln.Server.Images;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Machines;

/// <summary>
/// Captures one machine's disk into its image: flattens the copy-on-write disk and its base into one qcow2 in
/// builds/{id}-{lease}/, stores it like any image and completes the image (then downloadable through both APIs). The
/// machine is STOPPED again afterwards whatever happened. A failure ends the image in error with the reason; a cancel
/// or delete of the image stops the capture; nothing is left behind either way.
/// </summary>
internal sealed partial class MachineCaptureJobHandler(IMachineStore machines, ICatalogStore catalog, IBlobStore blobs, MachineDisk disk,
    IProcessRunner runner, IOptions<KilnOptions> options, TimeProvider time, ILogger<MachineCaptureJobHandler> logger) : IJobHandler
{
    public string Type => MachineCapture.JobType;

    public async Task<string?> RunAsync(JobLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var imageId = ImageBuildJob.ImageId(lease.Payload);
        var image = await catalog.GetImageByIdAsync(imageId, cancellationToken).ConfigureAwait(false)
            ?? throw new JobCancelledException($"image {imageId} was deleted before its capture started");
        if (image.Status.State == ImageState.Complete)
            return $"image {imageId} is already complete";
        if (image.Status.IsFinal)
            throw new JobCancelledException($"image {imageId} ended before its capture started");
        var machineId = MachineCapture.MachineIdOf(image);
        var settings = options.Value;
        var output = BuildDirectories.For(settings.BuildsDirectory, imageId, lease.Token);
        using var capture = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = new BuildStatusReporter(catalog, imageId, settings.StatusInterval, time, capture);
        await using (reporter.ConfigureAwait(false))
        {
            try
            {
                var machine = (machineId is { } id ? await machines.GetMachineByIdAsync(id, capture.Token).ConfigureAwait(false) : null)
                    ?? throw new MachineException($"machine {machineId} no longer exists");
                // A retried attempt finds the machine STOPPED again if the reconciler passed by meanwhile.
                var moved = await machines.TransitionMachineAsync(machine.Id, [MachineState.Capturing, MachineState.Stopped], MachineState.Capturing,
                    null, null, capture.Token).ConfigureAwait(false);
                if (moved is not { Applied: true })
                    throw new MachineException($"machine {machine.Id} is {moved?.Machine.State.ToString().ToUpperInvariant()}, no longer stopped: it was started before its capture ran");
                reporter.Set(new ImageStatus(ImageState.Generating, 10, $"capturing the disk of machine {machine.Id}"));
                await reporter.FlushAsync(capture.Token).ConfigureAwait(false);
                Directory.CreateDirectory(output);
                var file = Path.Combine(output, "image.qcow2");
                await disk.CaptureAsync(new MachineFiles(settings.MachinesDirectory, machine.Id), file, capture.Token).ConfigureAwait(false);

                reporter.Set(new ImageStatus(ImageState.Generating, 80, "storing the image"));
                await reporter.FlushAsync(capture.Token).ConfigureAwait(false);
                var virtualSize = await VirtualSizeAsync(file, capture.Token).ConfigureAwait(false);
                var key = ImageBuildJob.BlobPrefix(imageId) + "image.qcow2";
                var stored = await blobs.PutFileAsync(key, file, null, capture.Token).ConfigureAwait(false);
                var artefact = new ImageArtefact(key, FileName(image, machine), stored.Size, stored.Sha256) { VirtualSize = virtualSize };
                var done = await catalog.CompleteImportAsync(imageId, "qcow2", artefact, CancellationToken.None).ConfigureAwait(false);
                if (done?.Status.State != ImageState.Complete)
                {
                    await blobs.DeletePrefixAsync(ImageBuildJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                    throw new JobCancelledException(done is null ? $"image {imageId} was deleted" : $"image {imageId} was cancelled");
                }
                LogCaptured(logger, machine.Id, imageId, stored.Size);
                return string.Create(CultureInfo.InvariantCulture, $"{artefact.FileName}: qcow2, {artefact.Size} bytes, sha256 {artefact.Sha256}");
            }
            catch (Exception e) when (e is not JobCancelledException && reporter.EndedBecause is { } reason && !cancellationToken.IsCancellationRequested)
            {
                await blobs.DeletePrefixAsync(ImageBuildJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                throw new JobCancelledException(reason, e);
            }
            catch (Exception e) when (e is not (OperationCanceledException or JobCancelledException) && !cancellationToken.IsCancellationRequested)
            {
                var (error, detail) = e is ToolFailedException tool ? ("qemu-img could not copy the machine's disk", tool.Message) : (e.Message, (string?)null);
                await catalog.UpdateImageStatusAsync(imageId, new ImageStatus(ImageState.Error, reporter.Last.Percentage, "capture failed", error, detail),
                    CancellationToken.None).ConfigureAwait(false);
                await blobs.DeletePrefixAsync(ImageBuildJob.BlobPrefix(imageId), CancellationToken.None).ConfigureAwait(false);
                LogCaptureFailed(logger, e, machineId, imageId);
                throw;
            }
            finally
            {
                BuildDirectories.Delete(output);
                if (machineId is { } id)
                    await machines.TransitionMachineAsync(id, [MachineState.Capturing], MachineState.Stopped, null, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<long> VirtualSizeAsync(string file, CancellationToken cancellationToken)
    {
        var info = await runner.RunAsync(Builder.Tools.QemuImg.Info(file), cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(info.StandardOutput);
        return json.RootElement.GetProperty("virtual-size").GetInt64();
    }

    /// <summary>The label's name, else the machine's, made safe; then .qcow2.</summary>
    private static string FileName(Image image, Machine machine) =>
        (ImageFileNames.Safe(image.Label.Name) ?? ImageFileNames.Safe(machine.DisplayName) ?? string.Create(CultureInfo.InvariantCulture, $"image-{image.Id}"))
        + ".qcow2";

    [LoggerMessage(Level = LogLevel.Information, Message = "machine {MachineId} captured into image {ImageId} ({Size} bytes)")]
    private static partial void LogCaptured(ILogger logger, long machineId, long imageId, long size);

    [LoggerMessage(Level = LogLevel.Error, Message = "capture of machine {MachineId} into image {ImageId} failed")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception, long? machineId, long imageId);
}
