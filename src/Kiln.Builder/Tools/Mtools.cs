using System.Globalization;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tools: <c>mmd</c> and <c>mcopy</c>. Write into a FAT partition of a disk image without mounting it.</summary>
public static class Mtools
{
    public static ToolInvocation MakeDirectory(string disk, Partition partition, string directory) =>
        new("mmd", ["-i", Image(disk, partition), "::" + directory]) { Environment = Quiet };

    public static ToolInvocation Copy(string disk, Partition partition, string source, string destination) =>
        new("mcopy", ["-o", "-i", Image(disk, partition), source, "::" + destination]) { Environment = Quiet };

    // mtools' "image@@offset" syntax addresses a partition inside a whole-disk image.
    private static string Image(string disk, Partition partition) =>
        disk + "@@" + partition.OffsetBytes.ToString(CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> Quiet = new() { ["MTOOLS_SKIP_CHECK"] = "1" };
}
