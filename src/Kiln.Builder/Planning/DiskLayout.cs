using System.Globalization;
using System.Text;

namespace Kiln.Builder.Planning;

/// <summary>
/// Where every partition lies on the disk: 1 MiB-aligned boot partition, root ext4, optional swap at the end
/// (and the backup GPT after it under UEFI). Pure arithmetic, fixed at plan time.
/// </summary>
public sealed record DiskLayout(int DiskMiB, bool Uefi, IReadOnlyList<Partition> Partitions)
{
    public const int SectorSize = 512;
    public const long SectorsPerMiB = 1024 * 1024 / SectorSize;
    public const int BootStartMiB = 1;
    public const int BootSizeMiB = 128;

    /// <summary>GPT keeps a backup header and table in the disk's last sectors: leave its last MiB unused.</summary>
    public const int GptTailMiB = 1;

    public static readonly Guid EfiSystemType = new("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
    public static readonly Guid LinuxRootX64Type = new("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709");
    public static readonly Guid LinuxSwapType = new("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F");

    public long DiskBytes => DiskMiB * 1024L * 1024L;
    public Partition Boot => Partitions.Single(p => p.Role == PartitionRole.Boot);
    public Partition Root => Partitions.Single(p => p.Role == PartitionRole.Root);
    public Partition? Swap => Partitions.SingleOrDefault(p => p.Role == PartitionRole.Swap);

    public static DiskLayout Create(int diskMiB, int swapMiB, bool uefi)
    {
        var rootStartMiB = BootStartMiB + BootSizeMiB;
        var endMiB = diskMiB - (uefi ? GptTailMiB : 0);
        var swapStartMiB = endMiB - swapMiB;
        if (swapStartMiB - rootStartMiB < 64)
            throw new ArgumentOutOfRangeException(nameof(diskMiB), $"a {diskMiB} MB disk leaves no room for a root file system");

        var partitions = new List<Partition>
        {
            new(1, PartitionRole.Boot, BootStartMiB * SectorsPerMiB, BootSizeMiB * SectorsPerMiB),
            new(2, PartitionRole.Root, rootStartMiB * SectorsPerMiB, (swapStartMiB - rootStartMiB) * SectorsPerMiB),
        };
        if (swapMiB > 0)
            partitions.Add(new(3, PartitionRole.Swap, swapStartMiB * SectorsPerMiB, swapMiB * SectorsPerMiB));
        return new DiskLayout(diskMiB, uefi, partitions);
    }

    /// <summary>Root file system size for a tree: the tree, ext4's inode tables (1/64), journal and some slack.</summary>
    public static int RequiredRootMiB(int treeMiB) => (int)Math.Ceiling(treeMiB * 1.1) + 128;

    public static int RequiredDiskMiB(int treeMiB, int swapMiB, bool uefi) =>
        BootStartMiB + BootSizeMiB + RequiredRootMiB(treeMiB) + Math.Max(swapMiB, 0) + (uefi ? GptTailMiB : 0);

    public static string TooSmallMessage(int diskMiB, int neededMiB, int treeMiB, int swapMiB) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{diskMiB} MB is too small: at least {neededMiB} MB is needed (root file system {RequiredRootMiB(treeMiB)} MB for a {treeMiB} MB tree, boot {BootStartMiB + BootSizeMiB} MB, swap {swapMiB} MB)");

    /// <summary>The sfdisk script that writes this table; the disk identifier comes from the plan so builds repeat.</summary>
    public string SfdiskScript(DiskIdentifiers ids)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"label: {(Uefi ? "gpt" : "dos")}\n");
        script.Append(CultureInfo.InvariantCulture, $"label-id: {(Uefi ? ids.DiskGuid.ToString().ToUpperInvariant() : "0x" + ids.MbrDiskId.ToString("x8", CultureInfo.InvariantCulture))}\n");
        script.Append("unit: sectors\n\n");
        foreach (var p in Partitions)
        {
            script.Append(CultureInfo.InvariantCulture, $"start={p.StartSector}, size={p.SizeSectors}, type={TypeOf(p.Role)}");
            if (Uefi)
                script.Append(CultureInfo.InvariantCulture, $", uuid={ids.PartitionGuid(p.Number).ToString().ToUpperInvariant()}, name=\"{p.Role.ToString().ToLowerInvariant()}\"");
            else if (p.Role == PartitionRole.Boot)
                script.Append(", bootable");
            script.Append('\n');
        }
        return script.ToString();
    }

    private string TypeOf(PartitionRole role) => (Uefi, role) switch
    {
        (true, PartitionRole.Boot) => EfiSystemType.ToString().ToUpperInvariant(),
        (true, PartitionRole.Root) => LinuxRootX64Type.ToString().ToUpperInvariant(),
        (true, PartitionRole.Swap) => LinuxSwapType.ToString().ToUpperInvariant(),
        (false, PartitionRole.Boot) => "e", // FAT16 (LBA), what syslinux boots from
        (false, PartitionRole.Root) => "83",
        _ => "82",
    };
}
