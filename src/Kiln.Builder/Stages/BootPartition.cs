using Kiln.Builder.Planning;
using Kiln.Builder.Tools;

namespace Kiln.Builder.Stages;

/// <summary>
/// The FAT boot partition: the kernel and initrd of the tree, and either syslinux (BIOS, with the MBR boot code)
/// or a standalone GRUB as the removable-media EFI loader (UEFI).
/// </summary>
internal static class BootPartition
{
    public static async Task WriteAsync(BuildContext context, string disk, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var boot = plan.Layout.Boot;
        await context.RunAsync(MkfsVfat.Format(disk, boot, fat32: plan.Uefi, plan.Ids.BootVolumeId, plan.Uefi ? "EFI" : "KILNBOOT"),
            cancellationToken).ConfigureAwait(false);

        var tree = context.Workspace.Tree;
        await context.RunAsync(Mtools.Copy(disk, boot, KernelFile(tree, "/vmlinuz"), "/vmlinuz"), cancellationToken).ConfigureAwait(false);
        await context.RunAsync(Mtools.Copy(disk, boot, KernelFile(tree, "/initrd.img"), "/initrd.img"), cancellationToken).ConfigureAwait(false);

        if (plan.Uefi)
        {
            var config = context.Workspace.File("grub.cfg");
            await File.WriteAllTextAsync(config, GrubMkstandalone.Config(plan.Ids.BootVolumeUuid, plan.KernelCommandLine), cancellationToken)
                .ConfigureAwait(false);
            var loader = context.Workspace.File("BOOTX64.EFI");
            await context.RunAsync(GrubMkstandalone.Build(loader, config), cancellationToken).ConfigureAwait(false);
            await context.RunAsync(Mtools.MakeDirectory(disk, boot, "/EFI"), cancellationToken).ConfigureAwait(false);
            await context.RunAsync(Mtools.MakeDirectory(disk, boot, "/EFI/BOOT"), cancellationToken).ConfigureAwait(false);
            await context.RunAsync(Mtools.Copy(disk, boot, loader, "/EFI/BOOT/BOOTX64.EFI"), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var config = context.Workspace.File("syslinux.cfg");
            await File.WriteAllTextAsync(config, Syslinux.Config(plan.KernelCommandLine), cancellationToken).ConfigureAwait(false);
            await context.RunAsync(Mtools.Copy(disk, boot, config, "/syslinux.cfg"), cancellationToken).ConfigureAwait(false);
            await context.RunAsync(Syslinux.Install(disk, boot), cancellationToken).ConfigureAwait(false);
            await WriteMbrCodeAsync(disk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The kernel or initrd that /vmlinuz or /initrd.img names, every link followed inside the tree.</summary>
    internal static string KernelFile(string tree, string link)
    {
        var resolved = TreeFiles.ResolveTarget(tree, link);
        var info = new FileInfo(resolved);
        if (!info.Exists || info.LinkTarget is not null)
            throw new InvalidOperationException($"the image has no {link} file (is a kernel installed?)");
        return resolved;
    }

    private static async Task WriteMbrCodeAsync(string disk, CancellationToken cancellationToken)
    {
        var code = await File.ReadAllBytesAsync(Syslinux.MbrCodePath, cancellationToken).ConfigureAwait(false);
        await using var target = new FileStream(disk, FileMode.Open, FileAccess.Write);
        // Only the 440 bytes of boot code: the disk signature and partition table after them stay as sfdisk wrote them.
        await target.WriteAsync(code.AsMemory(0, Math.Min(code.Length, 440)), cancellationToken).ConfigureAwait(false);
    }
}
