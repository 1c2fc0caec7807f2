using Kiln.Catalog;
using Kiln.Machines;

namespace Kiln.Server.Machines;

internal sealed partial class MachineSupervisor
{
    /// <summary>
    /// Records a machine of <paramref name="image"/> (CREATING) and prepares its disk in the background; it then
    /// starts when <paramref name="start"/> (STARTED) or rests STOPPED. Refused at once (nothing recorded): an image
    /// that is not complete or not a disk (<see cref="ArgumentException"/>), no room to start another machine
    /// (<see cref="MachineConflictException"/>).
    /// </summary>
    public async Task<Machine> CreateAsync(string owner, ImageLabel label, Image image, MachineHardware hardware, bool start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(hardware);
        if (image.Status.State != ImageState.Complete || image.Artefact is null)
            throw new ArgumentException($"Image {image.Id} is {image.Status.State.ToString().ToLowerInvariant()}: a machine starts only from a complete image.");
        var format = MachineFormats.QemuFormat(image)
            ?? throw new ArgumentException($"Image {image.Id} is a {image.Format}, not a disk: a machine starts from a qcow2, raw, vmdk, vdi, vhd, vhdx or ova image.");
        var uefi = MachineFormats.Uefi(image);
        CheckHardware(hardware);
        if (start)
            await CheckRoomAsync(cancellationToken).ConfigureAwait(false);
        // The guest sees at least the image's disk; a larger configured disk is offered as free space.
        var recorded = hardware with { DiskBytes = Math.Max(hardware.DiskBytes, image.Artefact.VirtualSize ?? 0) };
        var machine = await machines.CreateMachineAsync(new NewMachine(owner, label, image.Id, recorded), cancellationToken).ConfigureAwait(false);
        Background(machine.Id, "create", async (runtime, token) =>
        {
            var files = FilesOf(machine.Id);
            try
            {
                await PrepareDiskAsync(files, image, format, hardware.DiskBytes, uefi, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MachineException or IOException or Builder.Processes.ToolFailedException or OperationCanceledException)
            {
                TryDelete(files);
                var reason = e is OperationCanceledException ? "creation was interrupted" : $"its disk could not be prepared: {e.Message}";
                await MoveAsync(machine.Id, [MachineState.Creating], MachineState.Error, reason, null).ConfigureAwait(false);
                return;
            }
            if (await MoveAsync(machine.Id, [MachineState.Creating], MachineState.Stopped, null, null).ConfigureAwait(false) is null)
                return; // deleted meanwhile
            LogPrepared(logger, machine.Id, image.Id);
            if (!start)
                return;
            await _capacity.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (await CountRunningAsync(token).ConfigureAwait(false) >= Settings.MaxRunningMachines)
                {
                    await MoveAsync(machine.Id, [MachineState.Stopped], MachineState.Stopped,
                        $"not started: {Settings.MaxRunningMachines} machines run already, the most this host runs at once", null).ConfigureAwait(false);
                    return;
                }
                if (await MoveAsync(machine.Id, [MachineState.Stopped], MachineState.Starting, null, null).ConfigureAwait(false) is null)
                    return;
            }
            finally
            {
                _capacity.Release();
            }
            await LaunchAsync(machine.Id, runtime, image.Id, token).ConfigureAwait(false);
        });
        return machine;
    }

    /// <summary>
    /// The image's file becomes the machine's base: hard-linked where the blob store is files on the same file system
    /// (no copy, no extra space; the link keeps the bytes even if the image is deleted), copied otherwise.
    /// </summary>
    private async Task PrepareDiskAsync(MachineFiles files, Image image, string format, long minimumDiskBytes, bool uefi, CancellationToken cancellationToken)
    {
        var key = image.Artefact!.BlobKey;
        if (format != "ova" && blobs is Blobs.FileBlobStore local)
        {
            Directory.CreateDirectory(files.Directory);
            if (local.TryLink(key, files.BaseDisk(format)))
            {
                await disk.PrepareOverBaseAsync(files, format, minimumDiskBytes, uefi, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        await using var content = await blobs.OpenReadAsync(key, 0, null, cancellationToken).ConfigureAwait(false)
            ?? throw new MachineException($"the file of image {image.Id} is gone from the blob store");
        await disk.PrepareAsync(files, content, format, minimumDiskBytes, uefi, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>STOPPED or ERROR → STARTING at once, STARTED once QEMU answers (ERROR with QEMU's words if it cannot start).</summary>
    public async Task<Machine> StartAsync(Machine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Machine starting;
        await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CheckAction(machine, MachineActions.Start);
            await CheckRoomAsync(cancellationToken).ConfigureAwait(false);
            starting = await MoveAsync(machine.Id, [MachineState.Stopped, MachineState.Error], MachineState.Starting, null, null).ConfigureAwait(false)
                ?? throw Changed(machine.Id);
        }
        finally
        {
            _capacity.Release();
        }
        Background(machine.Id, "start", (runtime, token) => LaunchAsync(machine.Id, runtime, machine.ImageId, token));
        return starting;
    }

    /// <summary>STARTED → STOPPING at once; the power button, then after the stop timeout (or at once with <paramref name="force"/>) QEMU is killed; STOPPED.</summary>
    public async Task<Machine> StopAsync(Machine machine, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        CheckAction(machine, MachineActions.Stop);
        var stopping = await MoveAsync(machine.Id, [MachineState.Started], MachineState.Stopping, null, machine.Process).ConfigureAwait(false)
            ?? throw Changed(machine.Id);
        Background(machine.Id, "stop", async (runtime, token) =>
        {
            await StopProcessAsync(machine, runtime, force, token).ConfigureAwait(false);
            await MoveAsync(machine.Id, [MachineState.Stopping], MachineState.Stopped, null, null).ConfigureAwait(false);
        });
        return stopping;
    }

    /// <summary>A stop (as <see cref="StopAsync"/>) then a start, as one operation.</summary>
    public async Task<Machine> RestartAsync(Machine machine, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        CheckAction(machine, MachineActions.Restart);
        var stopping = await MoveAsync(machine.Id, [MachineState.Started], MachineState.Stopping, null, machine.Process).ConfigureAwait(false)
            ?? throw Changed(machine.Id);
        Background(machine.Id, "restart", async (runtime, token) =>
        {
            await StopProcessAsync(machine, runtime, force, token).ConfigureAwait(false);
            if (await MoveAsync(machine.Id, [MachineState.Stopping], MachineState.Starting, null, null).ConfigureAwait(false) is not null)
                await LaunchAsync(machine.Id, runtime, machine.ImageId, token).ConfigureAwait(false);
        });
        return stopping;
    }

    /// <summary>
    /// Stops whatever the machine is doing, kills its QEMU, removes its directory, then its record; returns when all
    /// of that is done. A machine whose disk is being captured cannot be deleted until the capture ends.
    /// </summary>
    public async Task DeleteAsync(Machine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.State == MachineState.Capturing)
            throw new MachineConflictException($"Machine {machine.Id} is being captured into an image: delete it once the capture job has ended.");
        var deleting = await MoveAsync(machine.Id, Enum.GetValues<MachineState>().Except([MachineState.Capturing, MachineState.Deleting]).ToArray(),
            MachineState.Deleting, null, machine.Process).ConfigureAwait(false) ?? throw Changed(machine.Id);
        await RemoveAsync(deleting, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveAsync(Machine machine, CancellationToken cancellationToken)
    {
        var runtime = RuntimeOf(machine.Id);
        await runtime.Operation.CancelAsync().ConfigureAwait(false);
        await runtime.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            runtime.StopRequested = true;
            var process = runtime.Process ?? Adopt(machine);
            if (process is not null)
            {
                process.Kill();
                await process.Exited.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            }
            FilesOf(machine.Id).Delete();
            await machines.DeleteMachineAsync(machine.Owner, machine.Id, CancellationToken.None).ConfigureAwait(false);
            LogMachine(logger, machine.Id, "deleted");
        }
        finally
        {
            runtime.Gate.Release();
            _runtimes.TryRemove(machine.Id, out _);
        }
    }

    /// <summary>Starts QEMU for a machine in STARTING and records its process (STARTED), or the reason it could not (ERROR).</summary>
    private async Task LaunchAsync(long machineId, MachineRuntime runtime, long imageId, CancellationToken cancellationToken)
    {
        var machine = await machines.GetMachineByIdAsync(machineId, CancellationToken.None).ConfigureAwait(false);
        if (machine?.State != MachineState.Starting)
            return;
        var image = await catalog.GetImageByIdAsync(imageId, CancellationToken.None).ConfigureAwait(false);
        var files = FilesOf(machineId);
        QemuMachineProcess process;
        var sshPort = LoopbackPorts.Free();
        try
        {
            var launch = new QemuLaunch(machineId, files, machine.Hardware.Cpu, machine.Hardware.MemoryMiB,
                File.Exists(files.UefiVariables) || (image is not null && MachineFormats.Uefi(image)), _accelerator.Value)
            {
                SshPort = sshPort,
            };
            process = await QemuMachineProcess.LaunchAsync(launch, Settings.MachineStartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MachineException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            var reason = e is OperationCanceledException ? "the start was interrupted" : $"QEMU could not start: {e.Message}";
            await MoveAsync(machineId, [MachineState.Starting], MachineState.Error, reason, null).ConfigureAwait(false);
            return;
        }
        runtime.StopRequested = false;
        runtime.Process = process;
        var record = new MachineProcess(Host, process.ProcessId, process.StartTime) { SshPort = sshPort };
        if (await MoveAsync(machineId, [MachineState.Starting], MachineState.Started, null, record).ConfigureAwait(false) is null)
        {
            // Deleted while QEMU was starting.
            process.Kill();
            return;
        }
        LogStarted(logger, machineId, process.ProcessId, _accelerator.Value);
        Watch(machineId, runtime, process);
    }

    /// <summary>When QEMU ends without Kiln asking, the machine shows how: STOPPED when the guest powered off, ERROR otherwise.</summary>
    private void Watch(long machineId, MachineRuntime runtime, QemuMachineProcess process) =>
        _ = process.Exited.ContinueWith(async exited =>
        {
            var exit = exited.Result;
            if (runtime.Process != process)
                return;
            runtime.Process = null;
            process.Dispose();
            // A stopping Kiln leaves the news to the next one, which finds the process gone.
            if (runtime.StopRequested || _shutdown.IsCancellationRequested)
                return;
            var (state, message) = Ending(machineId, exit);
            if (await MoveAsync(machineId, [MachineState.Started], state, message, null).ConfigureAwait(false) is not null)
                LogMachine(logger, machineId, message);
        }, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// A clean exit is the guest powering off. An exit Kiln could not see (QEMU was started by an earlier Kiln process)
    /// is judged by the console: the kernel's last words on power-off are "reboot: Power down".
    /// </summary>
    private (MachineState State, string Message) Ending(long machineId, QemuExit exit)
    {
        var poweredOff = exit.ExitCode is null
            ? QemuMachineProcess.Tail(FilesOf(machineId).Console, 20).Contains("reboot: Power down", StringComparison.Ordinal)
            : exit.Clean;
        return poweredOff ? (MachineState.Stopped, "the guest powered off") : (MachineState.Error, exit.Description);
    }

    private async Task StopProcessAsync(Machine machine, MachineRuntime runtime, bool force, CancellationToken cancellationToken)
    {
        runtime.StopRequested = true;
        var process = runtime.Process ?? Adopt(machine);
        if (process is null)
            return;
        if (!force)
        {
            try
            {
                await process.PowerDownAsync(cancellationToken).ConfigureAwait(false);
                await process.Exited.WaitAsync(Settings.MachineStopTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MachineException or TimeoutException or IOException)
            {
                LogNoPowerOff(logger, machine.Id, e.Message);
            }
        }
        process.Kill();
        await process.Exited.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        runtime.Process = null;
    }

    private QemuMachineProcess? Adopt(Machine machine) =>
        machine.Process is { } recorded && recorded.Host == Host
            ? QemuMachineProcess.Adopt(recorded.ProcessId, recorded.StartTime, FilesOf(machine.Id))
            : null;

    private async Task CheckRoomAsync(CancellationToken cancellationToken)
    {
        if (await CountRunningAsync(cancellationToken).ConfigureAwait(false) >= Settings.MaxRunningMachines)
            throw new MachineConflictException($"{Settings.MaxRunningMachines} machines run already, the most this host runs at once: stop one first.");
    }

    private void CheckHardware(MachineHardware hardware)
    {
        if (hardware.Cpu < 1 || hardware.Cpu > Settings.MaxMachineCpu)
            throw new ArgumentException($"A machine has 1 to {Settings.MaxMachineCpu} CPUs, not {hardware.Cpu}.");
        if (hardware.MemoryMiB < 64 || hardware.MemoryMiB > Settings.MaxMachineMemoryMiB)
            throw new ArgumentException($"A machine has 64 MiB to {Settings.MaxMachineMemoryMiB} MiB of memory, not {hardware.MemoryMiB} MiB.");
        if (hardware.DiskBytes < 0 || hardware.DiskBytes > Settings.MaxMachineDiskBytes)
            throw new ArgumentException($"A machine's disk is at most {Settings.MaxMachineDiskBytes} bytes, not {hardware.DiskBytes}.");
    }

    private static void CheckAction(Machine machine, string action)
    {
        if (!MachineActions.Valid(machine.State).Contains(action))
            throw new MachineConflictException(
                $"Machine {machine.Id} is {machine.State.ToString().ToUpperInvariant()}: it cannot {MachineActions.Name(action)} now.");
    }

    private static MachineConflictException Changed(long machineId) =>
        new($"Machine {machineId} changed state meanwhile: read it again.");

    private void TryDelete(MachineFiles files)
    {
        try
        {
            files.Delete();
        }
        catch (IOException e)
        {
            LogNotRemoved(logger, files.Directory, e.Message);
        }
    }
}
