using System.Globalization;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>mkfs.vfat</c>. Formats a partition inside a disk image by sector offset.</summary>
public static class MkfsVfat
{
    public static ToolInvocation Format(string disk, Partition partition, bool fat32, uint volumeId, string label)
    {
        var arguments = new List<string>
        {
            "--offset", partition.StartSector.ToString(CultureInfo.InvariantCulture),
            "-F", fat32 ? "32" : "16",
            "-n", label,
            "-i", volumeId.ToString("X8", CultureInfo.InvariantCulture),
        };
        if (fat32)
            arguments.AddRange(["-s", "1", "-S", "512"]); // one-sector clusters: mtools misreads larger ones at an offset
        arguments.AddRange([disk, partition.SizeKiB.ToString(CultureInfo.InvariantCulture)]);
        return new ToolInvocation("mkfs.vfat", arguments);
    }
}
