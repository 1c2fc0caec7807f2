using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Images;

namespace Kiln.Server.Machines;

/// <summary>
/// Capture: a new image made from a stopped machine's disk as it is now. The request records the image (its source
/// is the machine's URI, as for an import its URL), moves the machine to CAPTURING so that it cannot start under the
/// copy, and queues an "image-capture" job (<see cref="MachineCaptureJobHandler"/>), whose payload is the image id.
/// </summary>
internal sealed class MachineCapture(IMachineStore machines, ICatalogStore catalog, IJobQueue queue)
{
    public const string JobType = "image-capture";

    /// <summary>The id of the machine a URI names (absolute or not): its path ends in /cimi/machines/{id}; null otherwise.</summary>
    public static long? MachineIdOf(string? location) => CimiApi.CimiLinks.IdIn(location, "machines");

    /// <summary>The machine an image is being (or was) captured from; null for generated and imported images.</summary>
    public static long? MachineIdOf(Image image) => image?.ApplianceId is null ? MachineIdOf(image?.Source) : null;

    /// <summary>
    /// Records the image and queues its capture; <see cref="MachineConflictException"/> when the machine is not
    /// STOPPED (a running machine's disk changes under the copy: stop it first).
    /// </summary>
    public async Task<Image> CaptureAsync(Machine machine, string machineUri, ImageLabel label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.State != MachineState.Stopped)
            throw new MachineConflictException(
                $"Machine {machine.Id} is {machine.State.ToString().ToUpperInvariant()}: only a STOPPED machine is captured (its disk must not change during the copy); stop it first.");
        var moved = await machines.TransitionMachineAsync(machine.Id, [MachineState.Stopped], MachineState.Capturing, null, null, cancellationToken).ConfigureAwait(false);
        if (moved is not { Applied: true })
            throw new MachineConflictException($"Machine {machine.Id} changed state meanwhile: read it again.");
        try
        {
            var image = await catalog.CreateImportAsync(new NewImport(machine.Owner, machineUri, label), CancellationToken.None).ConfigureAwait(false);
            var jobId = await queue.EnqueueAsync(JobType, ImageBuildJob.Payload(image.Id), CancellationToken.None).ConfigureAwait(false);
            return await catalog.SetImageJobAsync(image.Id, jobId, CancellationToken.None).ConfigureAwait(false) ?? image;
        }
        catch
        {
            await machines.TransitionMachineAsync(machine.Id, [MachineState.Capturing], MachineState.Stopped, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
