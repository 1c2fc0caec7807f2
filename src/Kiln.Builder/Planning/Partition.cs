namespace Kiln.Builder.Planning;

public enum PartitionRole
{
    /// <summary>FAT partition with the kernel and the bootloader (the EFI system partition under UEFI).</summary>
    Boot,
    Root,
    Swap,
}

/// <summary>One partition of the disk, in 512-byte sectors.</summary>
public sealed record Partition(int Number, PartitionRole Role, long StartSector, long SizeSectors)
{
    public long OffsetBytes => StartSector * DiskLayout.SectorSize;
    public long SizeBytes => SizeSectors * DiskLayout.SectorSize;
    public long SizeKiB => SizeBytes / 1024;
}
