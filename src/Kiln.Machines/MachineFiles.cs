namespace Kiln.Machines;

/// <summary>
/// The files of one machine, all in its own directory so that deleting the machine is deleting the directory: the
/// image's disk it starts from (<see cref="BaseDisk"/>, a hard link to the image's file or a copy, so that the image
/// can be deleted under a running machine), the copy-on-write disk the guest writes to, the serial console, QEMU's own
/// messages, its control socket and the UEFI variables.
/// </summary>
public sealed class MachineFiles
{
    /// <summary>A Unix socket path is at most 107 bytes; QEMU refuses longer ones.</summary>
    private const int MaxSocketPath = 107;

    public MachineFiles(string root, long machineId)
    {
        Directory = Path.Combine(Path.GetFullPath(root), machineId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Directory { get; }

    public string Disk => Path.Combine(Directory, "disk.qcow2");

    public string Console => Path.Combine(Directory, "console.log");

    public string QemuLog => Path.Combine(Directory, "qemu.log");

    public string ControlSocket => Path.Combine(Directory, "qmp.sock");

    public string UefiVariables => Path.Combine(Directory, "uefi-vars.fd");

    /// <summary>The image's disk in its own format (qcow2, raw, vmdk, vdi, vpc, vhdx).</summary>
    public string BaseDisk(string qemuFormat) => Path.Combine(Directory, "base." + qemuFormat);

    /// <summary>Throws when the control socket's path would be too long for a Unix socket: said before anything is made.</summary>
    public void CheckSocketPath()
    {
        if (System.Text.Encoding.UTF8.GetByteCount(ControlSocket) > MaxSocketPath)
            throw new MachineException($"the machines directory '{Path.GetDirectoryName(Directory)}' is too deep: the control socket '{ControlSocket}' would be longer than the 107 bytes a Unix socket allows; configure a shorter data directory");
    }

    /// <summary>Removes the directory and everything in it; nothing when it does not exist.</summary>
    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
