using System.Collections.Concurrent;
using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Machines;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Machines;

/// <summary>
/// Runs this host's machines: prepares their disks, starts and stops their QEMU processes, notices when one ends on its
/// own (the guest powered off: STOPPED; killed or crashed: ERROR with how), and deletes them. Operations answer at once
/// and run in the background, one at a time per machine; the state in the catalog says where each is.
/// <para>
/// QEMU processes outlive the Kiln process (they write only to files), so a restart of Kiln finds the running ones
/// again by pid, start time and disk; one that ended meanwhile is shown STOPPED when its guest powered off, ERROR
/// otherwise — never as running. Operations that a restart interrupted are given their ending.
/// </para>
/// </summary>
internal sealed partial class MachineSupervisor(
    IMachineStore machines,
    ICatalogStore catalog,
    IBlobStore blobs,
    MachineDisk disk,
    MachineCaptureWorker captures,
    IOptions<KilnOptions> options,
    ILogger<MachineSupervisor> logger) : BackgroundService
{
    private static readonly MachineState[] Running = [MachineState.Starting, MachineState.Started, MachineState.Stopping];

    private readonly ConcurrentDictionary<long, MachineRuntime> _runtimes = new();
    private readonly ConcurrentDictionary<Task, bool> _operations = new();
    private readonly SemaphoreSlim _capacity = new(1, 1);
    private readonly Lazy<string> _accelerator = new(() => Accelerators.Choose(options.Value.MachineAccelerator));
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>Machines of this host carry its name in their process record; another host's machines are not touched.</summary>
    public static string Host { get; } = Environment.MachineName;

    private KilnOptions Settings => options.Value;

    public MachineFiles FilesOf(long machineId) => new(Settings.MachinesDirectory, machineId);

    /// <summary>
    /// Before the service answers anything: the shared configurations exist and every machine shows the state its
    /// QEMU process really has (a machine whose QEMU died while no Kiln ran is never shown as running).
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Settings.MachinesDirectory);
        await MachineConfigDefaults.EnsureAsync(machines, cancellationToken).ConfigureAwait(false);
        await ReconcileAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var worker = captures.RunAsync(stoppingToken);
        try
        {
            using var timer = new PeriodicTimer(Settings.ReconcileInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await ReconcileCapturesAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: running machines keep running; the next start finds them again.
        }
        await worker.ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the service before stopping it: nothing runs any more.
            return;
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var runtime in _runtimes.Values)
            await runtime.Operation.CancelAsync().ConfigureAwait(false);
        // Operations end at their next step; waiting lets them record where they stopped.
        await Task.WhenAny(Task.WhenAll(_operations.Keys), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _shutdown.Dispose();
        _capacity.Dispose();
        base.Dispose();
    }

    private MachineRuntime RuntimeOf(long machineId) => _runtimes.GetOrAdd(machineId, _ => new MachineRuntime());

    /// <summary>Runs <paramref name="operation"/> after the machine's previous one, in the background, logging what it could not record.</summary>
    private void Background(long machineId, string what, Func<MachineRuntime, CancellationToken, Task> operation)
    {
        var runtime = RuntimeOf(machineId);
        var task = Task.Run(async () =>
        {
            await runtime.Gate.WaitAsync(_shutdown.Token).ConfigureAwait(false);
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(runtime.Operation.Token, _shutdown.Token);
                await operation(runtime, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                runtime.Gate.Release();
            }
        });
        _operations[task] = true;
        _ = task.ContinueWith(t =>
        {
            _operations.TryRemove(t, out _);
            if (t.Exception is { } error && !_shutdown.IsCancellationRequested)
                LogOperationFailed(logger, error.GetBaseException(), machineId, what);
        }, TaskScheduler.Default);
    }

    /// <summary>Machines of this host holding a QEMU process or about to: what the limit counts.</summary>
    private async Task<int> CountRunningAsync(CancellationToken cancellationToken)
    {
        var all = await machines.ListAllMachinesAsync(cancellationToken).ConfigureAwait(false);
        return all.Count(m => Running.Contains(m.State) && (m.Process is null || m.Process.Host == Host));
    }

    private async Task<Machine?> MoveAsync(long id, MachineState[] expected, MachineState target, string? message, MachineProcess? process)
    {
        var moved = await machines.TransitionMachineAsync(id, expected, target, message, process, CancellationToken.None).ConfigureAwait(false);
        return moved is { Applied: true } ? moved.Machine : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "machine {MachineId}: {What} failed")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception, long machineId, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "machine {MachineId}: disk prepared from image {ImageId}")]
    private static partial void LogPrepared(ILogger logger, long machineId, long imageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "machine {MachineId}: started (QEMU pid {ProcessId}, {Accelerator})")]
    private static partial void LogStarted(ILogger logger, long machineId, int processId, string accelerator);

    [LoggerMessage(Level = LogLevel.Information, Message = "machine {MachineId}: found running again (QEMU pid {ProcessId})")]
    private static partial void LogFoundAgain(ILogger logger, long machineId, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "machine {MachineId} did not power off ({Reason}): killing QEMU")]
    private static partial void LogNoPowerOff(ILogger logger, long machineId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove {Directory}: {Reason}")]
    private static partial void LogNotRemoved(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "machine {MachineId}: {What}")]
    private static partial void LogMachine(ILogger logger, long machineId, string what);
}
