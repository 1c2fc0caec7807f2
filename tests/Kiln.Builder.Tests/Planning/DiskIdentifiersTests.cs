using Kiln.Builder.Planning;

namespace Kiln.Builder.Tests;

public sealed class DiskIdentifiersTests
{
    private static readonly int[] PartitionNumbers = [1, 2, 3];

    [Fact]
    public void BootVolumeUuid_is_the_FAT_volume_id_as_two_upper_case_hex_halves()
    {
        Assert.Equal("1234-ABCD", DiskLayoutTests.Ids.BootVolumeUuid);
        Assert.Equal("0000-0001", (DiskLayoutTests.Ids with { BootVolumeId = 1 }).BootVolumeUuid);
    }

    [Fact]
    public void PartitionGuid_is_stable_and_distinct_per_partition_number()
    {
        var ids = DiskLayoutTests.Ids;

        var guids = PartitionNumbers.Select(ids.PartitionGuid).ToList();

        Assert.Equal(3, guids.Distinct().Count());
        Assert.Equal(guids, PartitionNumbers.Select(ids.PartitionGuid));
        Assert.DoesNotContain(ids.PartitionSeed, guids);
    }

    [Fact]
    public void CreateRandom_gives_new_identifiers_and_a_nonzero_volume_and_disk_id()
    {
        var a = DiskIdentifiers.CreateRandom();
        var b = DiskIdentifiers.CreateRandom();

        Assert.NotEqual(a.RootFsUuid, b.RootFsUuid);
        Assert.NotEqual(a.RootFsUuid, a.SwapUuid);
        Assert.NotEqual(0u, a.BootVolumeId);
        Assert.NotEqual(0u, a.MbrDiskId);
    }
}
