using System.Globalization;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>syslinux</c> (mtools flavour). Installs the BIOS boot loader into a FAT partition of a disk image.</summary>
public static class Syslinux
{
    /// <summary>Boot code for the MBR's first 440 bytes: finds the active partition and chains to syslinux.</summary>
    public const string MbrCodePath = "/usr/lib/syslinux/mbr/mbr.bin";

    public static ToolInvocation Install(string disk, Partition partition) =>
        new("syslinux", ["--install", "--offset", partition.OffsetBytes.ToString(CultureInfo.InvariantCulture), disk]);

    public static string Config(string kernelCommandLine) =>
        "SERIAL 0 115200\n" +
        "DEFAULT kiln\n" +
        "PROMPT 0\n" +
        "TIMEOUT 1\n" +
        "LABEL kiln\n" +
        "  LINUX /vmlinuz\n" +
        "  INITRD /initrd.img\n" +
        $"  APPEND {kernelCommandLine}\n";
}
