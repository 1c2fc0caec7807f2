using Kiln.Machines;

namespace Kiln.Server.Machines;

/// <summary>
/// What this process holds for one machine: the gate that runs its operations one at a time, the token that stops
/// the one under way (delete preempts it), and its QEMU process while it runs.
/// </summary>
internal sealed class MachineRuntime
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public CancellationTokenSource Operation { get; set; } = new();

    public QemuMachineProcess? Process { get; set; }

    /// <summary>Set while Kiln itself stops the process: its exit is then expected, not news.</summary>
    public bool StopRequested { get; set; }
}
