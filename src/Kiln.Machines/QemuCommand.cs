using System.Globalization;

namespace Kiln.Machines;

/// <summary>What QEMU is told to run: hardware, disk, firmware and accelerator of one machine.</summary>
public sealed record QemuLaunch(long MachineId, MachineFiles Files, int Cpu, int MemoryMiB, bool Uefi, string Accelerator)
{
    /// <summary>A port of the host's loopback forwarded to the guest's port 22; null: the guest is not reachable from the host.</summary>
    public int? SshPort { get; init; }
}

/// <summary>The qemu-system-x86_64 command line of a machine.</summary>
public static class QemuCommand
{
    public const string Program = "qemu-system-x86_64";
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public const string OvmfVariables = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    public static IReadOnlyList<string> Arguments(QemuLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var files = launch.Files;
        var arguments = new List<string>
        {
            "-name", "kiln-machine-" + launch.MachineId.ToString(CultureInfo.InvariantCulture),
            // Only what is listed here: no default NIC, monitor, serial, floppy or CD-ROM, no host config files.
            "-nodefaults", "-no-user-config",
            "-accel", launch.Accelerator,
            "-cpu", launch.Accelerator == Accelerators.Kvm ? "host" : "max",
            "-m", launch.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            "-smp", launch.Cpu.ToString(CultureInfo.InvariantCulture),
            "-drive", $"file={files.Disk},format=qcow2,if=virtio",
            "-display", "none",
            "-chardev", $"file,id=console,path={files.Console},append=on",
            "-serial", "chardev:console",
            "-qmp", $"unix:{files.ControlSocket},server=on,wait=off",
            // User-mode networking: the guest reaches out through the host; only SSH comes in, and only from loopback.
            "-nic", launch.SshPort is { } port
                ? "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "-:22"
                : "user,model=virtio-net-pci",
            // A guest that escapes into QEMU still cannot run programs, gain privileges or touch resource limits.
            "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
        };
        if (launch.Uefi)
        {
            arguments.AddRange([
                "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfCode}",
                "-drive", $"if=pflash,format=raw,unit=1,file={files.UefiVariables}",
            ]);
        }
        return arguments;
    }
}
