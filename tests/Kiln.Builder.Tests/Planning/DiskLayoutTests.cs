using System.Text.Json;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;
using Kiln.Builder.Tools;

namespace Kiln.Builder.Tests;

public sealed class DiskLayoutTests
{
    internal static readonly DiskIdentifiers Ids = new(
        new Guid("11111111-2222-3333-4444-555555555555"), new Guid("66666666-7777-8888-9999-aaaaaaaaaaaa"),
        0x1234ABCD, 0xDEADBEEF, new Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), new Guid("a0a1a2a3-b0b1-c0c1-d0d1-e0e1e2e3e4e5"));

    [Fact]
    public void Bios_disk_with_swap_puts_boot_at_1MiB_root_after_it_and_swap_at_the_end()
    {
        var layout = DiskLayout.Create(2048, 256, uefi: false);

        Assert.Equal(
            [(1, PartitionRole.Boot, 2048L, 262144L), (2, PartitionRole.Root, 264192L, 3405824L), (3, PartitionRole.Swap, 3670016L, 524288L)],
            layout.Partitions.Select(p => (p.Number, p.Role, p.StartSector, p.SizeSectors)));
        Assert.Equal(2048L * 1024 * 1024, layout.Swap!.OffsetBytes + layout.Swap.SizeBytes);
    }

    [Fact]
    public void Bios_disk_without_swap_gives_root_everything_after_boot()
    {
        var layout = DiskLayout.Create(2048, 0, uefi: false);

        Assert.Null(layout.Swap);
        Assert.Equal(2, layout.Partitions.Count);
        Assert.Equal(264192L, layout.Root.StartSector);
        Assert.Equal(2048L * 2048 - 264192, layout.Root.SizeSectors);
    }

    [Fact]
    public void Uefi_disk_leaves_its_last_MiB_free_for_the_backup_GPT()
    {
        var withSwap = DiskLayout.Create(2048, 256, uefi: true);
        var withoutSwap = DiskLayout.Create(2048, 0, uefi: true);

        Assert.Equal(1791L * 2048, withSwap.Swap!.StartSector);
        Assert.Equal(2047L * 2048, withSwap.Swap.StartSector + withSwap.Swap.SizeSectors);
        Assert.Equal((1791L - 129) * 2048, withSwap.Root.SizeSectors);
        Assert.Equal(2047L * 2048, withoutSwap.Root.StartSector + withoutSwap.Root.SizeSectors);
    }

    [Fact]
    public void Partition_offsets_and_sizes_convert_sectors_to_bytes_and_KiB()
    {
        var boot = DiskLayout.Create(2048, 0, uefi: false).Boot;

        Assert.Equal(1024L * 1024, boot.OffsetBytes);
        Assert.Equal(128L * 1024 * 1024, boot.SizeBytes);
        Assert.Equal(128L * 1024, boot.SizeKiB);
    }

    [Theory]
    [InlineData(192, 0, false)]
    [InlineData(193, 0, true)]
    [InlineData(448, 256, false)]
    public void Create_throws_for_a_disk_that_leaves_less_than_64_MiB_for_root(int diskMiB, int swapMiB, bool uefi)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DiskLayout.Create(diskMiB, swapMiB, uefi));
        Assert.Contains($"a {diskMiB} MB disk leaves no room", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(193, 0, false)]
    [InlineData(194, 0, true)]
    [InlineData(449, 256, false)]
    public void Create_accepts_a_disk_that_leaves_exactly_64_MiB_for_root(int diskMiB, int swapMiB, bool uefi)
    {
        Assert.Equal(64L * 2048, DiskLayout.Create(diskMiB, swapMiB, uefi).Root.SizeSectors);
    }

    [Fact]
    public void RequiredDiskMiB_adds_boot_root_with_slack_swap_and_the_GPT_tail()
    {
        Assert.Equal(1228, DiskLayout.RequiredRootMiB(1000));
        Assert.Equal(1 + 128 + 1228 + 256, DiskLayout.RequiredDiskMiB(1000, 256, uefi: false));
        Assert.Equal(1 + 128 + 1228 + 256 + 1, DiskLayout.RequiredDiskMiB(1000, 256, uefi: true));
        Assert.Equal(1 + 128 + 1228, DiskLayout.RequiredDiskMiB(1000, -5, uefi: false));
    }

    [Fact]
    public void TooSmallMessage_names_the_disk_the_size_needed_and_its_parts()
    {
        Assert.Equal(
            "900 MB is too small: at least 1613 MB is needed (root file system 1228 MB for a 1000 MB tree, boot 129 MB, swap 256 MB)",
            DiskLayout.TooSmallMessage(900, 1613, 1000, 256));
    }

    [Fact]
    public void Bios_sfdisk_script_is_a_dos_label_with_the_disk_id_types_and_a_bootable_boot_partition()
    {
        var script = DiskLayout.Create(2048, 256, uefi: false).SfdiskScript(Ids);

        Assert.Equal(
            "label: dos\nlabel-id: 0xdeadbeef\nunit: sectors\n\n" +
            "start=2048, size=262144, type=e, bootable\n" +
            "start=264192, size=3405824, type=83\n" +
            "start=3670016, size=524288, type=82\n",
            script);
    }

    [Fact]
    public void Uefi_sfdisk_script_is_a_gpt_label_with_the_disk_guid_type_guids_partition_uuids_and_names()
    {
        var lines = DiskLayout.Create(2048, 256, uefi: true).SfdiskScript(Ids).Split('\n');

        Assert.Equal("label: gpt", lines[0]);
        Assert.Equal("label-id: 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", lines[1]);
        Assert.Equal(
            $"start=2048, size=262144, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid={Ids.PartitionGuid(1).ToString().ToUpperInvariant()}, name=\"boot\"",
            lines[4]);
        Assert.StartsWith("start=264192, size=3403776, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(", name=\"root\"", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("start=3667968, size=524288, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", lines[6], StringComparison.Ordinal);
        Assert.DoesNotContain("bootable", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_sfdisk_writes_the_bios_table_the_script_describes()
    {
        var table = await WriteAndReadBackAsync(DiskLayout.Create(2048, 256, uefi: false));

        Assert.Equal("dos", table.GetProperty("label").GetString());
        Assert.Equal("0xdeadbeef", table.GetProperty("id").GetString());
        var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(
            [(2048L, 262144L, "e"), (264192L, 3405824L, "83"), (3670016L, 524288L, "82")],
            partitions.Select(p => (p.GetProperty("start").GetInt64(), p.GetProperty("size").GetInt64(), p.GetProperty("type").GetString())));
        Assert.True(partitions[0].GetProperty("bootable").GetBoolean());
        Assert.False(partitions[1].TryGetProperty("bootable", out _));
    }

    [Fact]
    public async Task Real_sfdisk_writes_the_uefi_table_the_script_describes_and_its_backup_fits_in_the_last_MiB()
    {
        var layout = DiskLayout.Create(2048, 256, uefi: true);

        var table = await WriteAndReadBackAsync(layout);

        Assert.Equal("gpt", table.GetProperty("label").GetString());
        Assert.Equal(Ids.DiskGuid.ToString().ToUpperInvariant(), table.GetProperty("id").GetString());
        var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(
            layout.Partitions.Select(p => (p.StartSector, p.SizeSectors, Ids.PartitionGuid(p.Number).ToString().ToUpperInvariant(), p.Role.ToString().ToLowerInvariant())),
            partitions.Select(p => (p.GetProperty("start").GetInt64(), p.GetProperty("size").GetInt64(), p.GetProperty("uuid").GetString()!, p.GetProperty("name").GetString()!)));
        Assert.Equal(
            ["C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F"],
            partitions.Select(p => p.GetProperty("type").GetString()));
        var lastSwapSector = layout.Swap!.StartSector + layout.Swap.SizeSectors - 1;
        Assert.InRange(lastSwapSector, 0, table.GetProperty("lastlba").GetInt64());
    }

    private static async Task<JsonElement> WriteAndReadBackAsync(DiskLayout layout)
    {
        using var temp = new TempDirectory();
        var disk = temp.Combine("disk.raw");
        await using (var file = new FileStream(disk, FileMode.CreateNew, FileAccess.Write))
            file.SetLength(layout.DiskBytes);
        var runner = new ProcessRunner();

        await runner.RunAsync(Sfdisk.Write(disk, layout.SfdiskScript(Ids)), CancellationToken.None);
        var json = (await runner.RunAsync(new ToolInvocation("sfdisk", ["--json", disk]), CancellationToken.None)).StandardOutput;

        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("partitiontable").Clone();
    }
}
