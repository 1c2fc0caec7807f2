using System.Globalization;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>mke2fs</c>. Makes the root ext4 file system from a directory, straight into the disk image at an offset.</summary>
public static class Mke2fs
{
    public static ToolInvocation FromTree(string disk, Partition partition, Guid uuid, string tree) =>
        new("mke2fs",
        [
            "-q", "-F",
            "-t", "ext4",
            "-U", uuid.ToString(),
            "-L", "root",
            "-d", tree,
            "-E", "offset=" + partition.OffsetBytes.ToString(CultureInfo.InvariantCulture) + ",root_owner=0:0",
            disk,
            partition.SizeKiB.ToString(CultureInfo.InvariantCulture) + "k",
        ]);
}
