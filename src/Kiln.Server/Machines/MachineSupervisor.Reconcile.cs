using System.Globalization;
using Kiln.Catalog;

namespace Kiln.Server.Machines;

internal sealed partial class MachineSupervisor
{
    /// <summary>
    /// At start: every machine of this host gets the state its QEMU process really has. A running process is watched
    /// again; a vanished one makes the machine STOPPED or ERROR (<see cref="Ending"/>); an operation the previous
    /// process left half-done is ended (a creation in ERROR, a deletion finished).
    /// </summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var machine in await machines.ListAllMachinesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (machine.Process is { } recorded && recorded.Host != Host)
                continue;
            switch (machine.State)
            {
                case MachineState.Deleting:
                    await RemoveAsync(machine, cancellationToken).ConfigureAwait(false);
                    break;
                case MachineState.Creating:
                    TryDelete(FilesOf(machine.Id));
                    await MoveAsync(machine.Id, [MachineState.Creating], MachineState.Error,
                        "creation was interrupted: Kiln stopped while the disk was being prepared", null).ConfigureAwait(false);
                    break;
                case MachineState.Starting or MachineState.Started or MachineState.Stopping:
                    await FindAgainAsync(machine).ConfigureAwait(false);
                    break;
            }
        }
        await ReconcileCapturesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FindAgainAsync(Machine machine)
    {
        if (Adopt(machine) is { } process)
        {
            var runtime = RuntimeOf(machine.Id);
            runtime.Process = process;
            // A stop the previous Kiln process did not finish is not resumed: the machine runs, and says so.
            if (await MoveAsync(machine.Id, [MachineState.Starting, MachineState.Started, MachineState.Stopping], MachineState.Started, null, machine.Process)
                .ConfigureAwait(false) is not null)
            {
                LogFoundAgain(logger, machine.Id, process.ProcessId);
                Watch(machine.Id, runtime, process);
            }
            return;
        }
        var (state, message) = machine.State switch
        {
            MachineState.Starting => (MachineState.Error, "the start was interrupted: Kiln stopped while QEMU was starting"),
            MachineState.Stopping => (MachineState.Stopped, (string?)null),
            _ => Ending(machine.Id, new Kiln.Machines.QemuExit(null, string.Create(CultureInfo.InvariantCulture,
                $"QEMU (pid {machine.Process?.ProcessId}) ended while no Kiln process watched it, without the guest powering off"))),
        };
        await MoveAsync(machine.Id, [machine.State], state, message, null).ConfigureAwait(false);
    }

    /// <summary>
    /// A machine stays CAPTURING while an unfinished image is being captured from it; when its capture job has ended
    /// without saying so (it failed twice, its worker died for good), the machine is STOPPED again.
    /// </summary>
    private async Task ReconcileCapturesAsync(CancellationToken cancellationToken)
    {
        var capturing = (await machines.ListAllMachinesAsync(cancellationToken).ConfigureAwait(false)).Where(m => m.State == MachineState.Capturing).ToList();
        if (capturing.Count == 0)
            return;
        var unfinished = await catalog.ListUnfinishedImagesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var machine in capturing)
            if (!unfinished.Any(i => MachineCapture.MachineIdOf(i) == machine.Id))
                await MoveAsync(machine.Id, [MachineState.Capturing], MachineState.Stopped, null, null).ConfigureAwait(false);
    }
}
