using Kiln.Builder.Planning;
using Kiln.Builder.Processes;
using Kiln.Builder.Tools;

namespace Kiln.Builder.Stages;

/// <summary>
/// Makes the raw disk: partition table, boot partition with the kernel and bootloader, swap, and the root ext4
/// made from the tree, all written into one sparse file. No loop device, no mount.
/// </summary>
internal sealed class DiskStage : IBuildStage
{
    public string Name => StageNames.Disk;

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var disk = context.Workspace.RawDisk;
        var layout = plan.Layout;

        context.Progress.Report(Name, 0, $"partitioning {layout.DiskMiB} MB ({(plan.Uefi ? "GPT" : "MBR")})");
        await using (var file = new FileStream(disk, FileMode.CreateNew, FileAccess.Write))
            file.SetLength(layout.DiskBytes);
        await context.RunAsync(Sfdisk.Write(disk, layout.SfdiskScript(plan.Ids)), cancellationToken).ConfigureAwait(false);

        context.Progress.Report(Name, 0.1, plan.Uefi ? "EFI system partition and GRUB" : "boot partition and syslinux");
        await BootPartition.WriteAsync(context, disk, cancellationToken).ConfigureAwait(false);

        if (layout.Swap is { } swap)
        {
            context.Progress.Report(Name, 0.2, "swap");
            await WriteSwapAsync(context, disk, swap, cancellationToken).ConfigureAwait(false);
        }

        context.Progress.Report(Name, 0.3, $"root file system ({layout.Root.SizeBytes / (1024 * 1024)} MB ext4)");
        await context.RunAsync(Mke2fs.FromTree(disk, layout.Root, plan.Ids.RootFsUuid, context.Workspace.Tree), cancellationToken)
            .ConfigureAwait(false);
        context.Progress.Report(Name, 1, "raw disk ready");
    }

    /// <summary>mkswap writes only the first page: make it on a sparse file the partition's size and copy that page in.</summary>
    private static async Task WriteSwapAsync(BuildContext context, string disk, Partition swap, CancellationToken cancellationToken)
    {
        var swapFile = context.Workspace.File("swap.img");
        await using (var file = new FileStream(swapFile, FileMode.CreateNew, FileAccess.Write))
            file.SetLength(swap.SizeBytes);
        await context.RunAsync(Mkswap.Format(swapFile, context.Plan.Ids.SwapUuid), cancellationToken).ConfigureAwait(false);
        var header = new byte[Environment.SystemPageSize];
        await using (var source = File.OpenRead(swapFile))
            await source.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        await using (var target = new FileStream(disk, FileMode.Open, FileAccess.Write))
        {
            target.Position = swap.OffsetBytes;
            await target.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        }
        File.Delete(swapFile);
    }
}
