namespace Kiln.Catalog;

/// <summary>
/// Where a machine is, in CIMI's words. Starting and Stopping are passing states; Stopped, Started and Error are where a
/// machine rests. Capturing: its disk is being copied into a new image, so it cannot start until that ends.
/// </summary>
public enum MachineState
{
    Creating,
    Starting,
    Started,
    Stopping,
    Stopped,
    Capturing,
    Deleting,
    Error,
}

/// <summary>The virtual hardware a machine runs with: CPUs, memory and the size of its disk as the guest sees it.</summary>
public sealed record MachineHardware(int Cpu, int MemoryMiB, long DiskBytes);

/// <summary>
/// The QEMU process running a machine, as recorded so that a restarted Kiln can find it again: its pid, the host it
/// runs on, and the kernel's start time of the process (a pid is reused once the process is gone; the pair is not).
/// </summary>
public sealed record MachineProcess(string Host, int ProcessId, long StartTime)
{
    /// <summary>The port of the host's loopback that QEMU forwards to the guest's SSH port (22); null when none.</summary>
    public int? SshPort { get; init; }
}

/// <summary>
/// A virtual machine running (or ready to run) one of its owner's images: a copy-on-write disk over the image, a QEMU
/// process while it is started. <see cref="StateMessage"/> says why it is in an error state or why it stopped when
/// nobody asked it to.
/// </summary>
public sealed record Machine(
    long Id,
    string Owner,
    ImageLabel Label,
    long ImageId,
    MachineHardware Hardware,
    MachineState State,
    string? StateMessage,
    MachineProcess? Process,
    Stamp Stamp)
{
    public string DisplayName => Label.Name ?? $"machine-{Id}";
}

/// <summary>What creating a machine records, before its disk exists.</summary>
public sealed record NewMachine(string Owner, ImageLabel Label, long ImageId, MachineHardware Hardware);

/// <summary>
/// A named set of virtual hardware (CIMI's MachineConfiguration). Shared configurations (<see cref="Owner"/> null) are
/// Kiln's own and seen by every user; the others belong to the user who made them.
/// </summary>
public sealed record MachineConfig(long Id, string? Owner, ImageLabel Label, MachineHardware Hardware, Stamp Stamp);

/// <summary>What creating a machine configuration records.</summary>
public sealed record NewMachineConfig(string? Owner, ImageLabel Label, MachineHardware Hardware);

/// <summary>A machine configuration and an image to run with it (CIMI's MachineTemplate), owned by one user.</summary>
public sealed record MachineTemplate(long Id, string Owner, ImageLabel Label, long ConfigId, long ImageId, Stamp Stamp);

/// <summary>What creating a machine template records.</summary>
public sealed record NewMachineTemplate(string Owner, ImageLabel Label, long ConfigId, long ImageId);
