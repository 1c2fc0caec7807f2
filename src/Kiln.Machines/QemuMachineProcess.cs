using System.Diagnostics;
using System.Globalization;

namespace Kiln.Machines;

/// <summary>
/// The QEMU process of one machine: started by this Kiln process (then its exit code is known), or found again after
/// a restart of Kiln (then it is watched through /proc). QEMU's output goes to files, never to pipes of Kiln's, so a
/// machine outlives the Kiln process that started it.
/// </summary>
public sealed class QemuMachineProcess : IDisposable
{
    private static readonly TimeSpan AdoptedPoll = TimeSpan.FromMilliseconds(500);

    private readonly Process? _child;
    private readonly MachineFiles _files;

    private QemuMachineProcess(int processId, long startTime, MachineFiles files, Process? child)
    {
        ProcessId = processId;
        StartTime = startTime;
        _files = files;
        _child = child;
        Exited = child is null ? WatchAdoptedAsync() : WaitForChildAsync(child);
    }

    public int ProcessId { get; }

    /// <summary>The kernel's start time of the process (<see cref="ProcessIdentity"/>).</summary>
    public long StartTime { get; }

    /// <summary>Completes when the process has ended, with how.</summary>
    public Task<QemuExit> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>
    /// Starts QEMU and returns once its control socket answers. <see cref="MachineException"/> with QEMU's own words when
    /// it exits first (a disk it cannot open, a missing firmware) or does not answer within <paramref name="readyTimeout"/>.
    /// </summary>
    public static async Task<QemuMachineProcess> LaunchAsync(QemuLaunch launch, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var files = launch.Files;
        files.CheckSocketPath();
        File.Delete(files.ControlSocket);
        File.AppendAllText(files.QemuLog, $"--- {DateTimeOffset.UtcNow:O} starting\n");
        // The shell replaces itself with QEMU (same pid) once stdin and stdout are files: no pipe ties QEMU to Kiln. setsid
        // (which does not fork: the shell leads no group) puts it in a session of its own, so a Ctrl-C or SIGHUP meant
        // for the terminal Kiln runs in does not stop the machines.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = files.Directory };
        foreach (var argument in (string[])["-c", "log=\"$1\"; shift; exec setsid \"$@\" </dev/null >>\"$log\" 2>&1", "kiln-machine", files.QemuLog, QemuCommand.Program])
            start.ArgumentList.Add(argument);
        foreach (var argument in QemuCommand.Arguments(launch))
            start.ArgumentList.Add(argument);
        var child = Process.Start(start) ?? throw new MachineException("QEMU could not be started");
        var startTime = ProcessIdentity.StartTime(child.Id);
        var process = new QemuMachineProcess(child.Id, startTime ?? 0, files, child);
        try
        {
            await process.WaitUntilReadyAsync(readyTimeout, cancellationToken).ConfigureAwait(false);
            return process;
        }
        catch
        {
            process.Kill();
            await process.Exited.ConfigureAwait(false);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The machine's QEMU started earlier (by this or an earlier Kiln process) if it still runs: same pid, same start
    /// time, the machine's disk on its command line; null when it has ended.
    /// </summary>
    public static QemuMachineProcess? Adopt(int processId, long startTime, MachineFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return ProcessIdentity.IsSame(processId, startTime, files.Disk) ? new QemuMachineProcess(processId, startTime, files, null) : null;
    }

    /// <summary>Presses the machine's power button (ACPI): a guest that listens shuts down and QEMU exits.</summary>
    public Task PowerDownAsync(CancellationToken cancellationToken) => ExecuteAsync("system_powerdown", cancellationToken);

    /// <summary>Kills QEMU at once (SIGKILL): the guest gets no chance to flush its disks.</summary>
    public void Kill()
    {
        if (HasExited)
            return;
        try
        {
            if (_child is not null)
                _child.Kill();
            else if (ProcessIdentity.IsSame(ProcessId, StartTime, _files.Disk))
            {
                using var process = Process.GetProcessById(ProcessId);
                process.Kill();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.ComponentModel.Win32Exception)
        {
            // It ended by itself meanwhile.
        }
    }

    public void Dispose() => _child?.Dispose();

    private async Task ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        await using var qmp = await QmpClient.ConnectAsync(_files.ControlSocket, cancellationToken).ConfigureAwait(false);
        await qmp.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (HasExited)
                throw new MachineException($"{(await Exited.ConfigureAwait(false)).Description} while starting: {Tail(_files.QemuLog)}");
            try
            {
                await using var qmp = await QmpClient.ConnectAsync(_files.ControlSocket, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MachineException) when (watch.Elapsed < timeout)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (MachineException e)
            {
                throw new MachineException($"QEMU did not answer on its control socket within {timeout.TotalSeconds:0} s: {Tail(_files.QemuLog)}", e);
            }
        }
    }

    private static async Task<QemuExit> WaitForChildAsync(Process child)
    {
        await child.WaitForExitAsync().ConfigureAwait(false);
        return QemuExit.FromExitCode(child.ExitCode);
    }

    private async Task<QemuExit> WatchAdoptedAsync()
    {
        while (ProcessIdentity.IsSame(ProcessId, StartTime, _files.Disk))
            await Task.Delay(AdoptedPoll).ConfigureAwait(false);
        return new QemuExit(null, string.Create(CultureInfo.InvariantCulture, $"QEMU (pid {ProcessId}) ended; it was started by an earlier Kiln process, so how is not known"));
    }

    /// <summary>The last lines QEMU wrote about itself (its errors), for messages.</summary>
    public static string Tail(string path, int lines = 5)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = new StreamReader(stream).ReadToEnd();
            // Only what this start wrote: the log keeps every start of the machine, each after a "---" line.
            var marker = text.LastIndexOf("--- ", StringComparison.Ordinal);
            var current = marker < 0 ? text : text[(text.IndexOf('\n', marker) + 1)..];
            var last = current.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines);
            return string.Join(" | ", last) is { Length: > 0 } joined ? joined : "(QEMU said nothing)";
        }
        catch (IOException)
        {
            return "(QEMU said nothing)";
        }
    }
}
