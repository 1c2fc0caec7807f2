namespace Kiln.Builder.Planning;

/// <summary>
/// Every identifier written into the disk, chosen once when the plan is made so that the same plan gives the same
/// bytes, and fstab, the bootloader and the file systems agree.
/// </summary>
public sealed record DiskIdentifiers(Guid RootFsUuid, Guid SwapUuid, uint BootVolumeId, uint MbrDiskId, Guid DiskGuid, Guid PartitionSeed)
{
    public static DiskIdentifiers CreateRandom() => new(
        Guid.NewGuid(), Guid.NewGuid(), RandomUInt(), RandomUInt(), Guid.NewGuid(), Guid.NewGuid());

    /// <summary>FAT volume id as Linux shows it in /dev/disk/by-uuid and fstab: XXXX-XXXX.</summary>
    public string BootVolumeUuid => $"{BootVolumeId >> 16:X4}-{BootVolumeId & 0xFFFF:X4}";

    /// <summary>GPT partition GUIDs derived from one seed, distinct per partition number.</summary>
    public Guid PartitionGuid(int number)
    {
        Span<byte> bytes = stackalloc byte[16];
        PartitionSeed.TryWriteBytes(bytes);
        bytes[15] ^= (byte)number;
        return new Guid(bytes);
    }

    private static uint RandomUInt() => (uint)Random.Shared.NextInt64(1, uint.MaxValue);
}
