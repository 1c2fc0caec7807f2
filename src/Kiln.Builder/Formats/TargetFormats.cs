namespace Kiln.Builder.Formats;

/// <summary>The formats the builder produces, as a dispatch table.</summary>
public static class TargetFormats
{
    public static readonly TargetFormat Raw =
        new("raw", "raw", FormatKind.DiskImage, "dd to a disk, OpenStack, cloud imports", "raw", null, false, 2);
    public static readonly TargetFormat Qcow2 =
        new("qcow2", "qcow2", FormatKind.DiskImage, "KVM, QEMU, OpenStack", "qcow2", null, true, 2);
    public static readonly TargetFormat Vmdk =
        new("vmdk", "vmdk", FormatKind.DiskImage, "VMware (streamOptimized)", "vmdk", "subformat=streamOptimized", true, 20);
    public static readonly TargetFormat Vdi =
        new("vdi", "vdi", FormatKind.DiskImage, "VirtualBox", "vdi", null, true, 3);
    public static readonly TargetFormat Vhd =
        new("vhd", "vhd", FormatKind.DiskImage, "Azure, Hyper-V gen1 (fixed VHD)", "vpc", "subformat=fixed,force_size=on", false, 3);
    public static readonly TargetFormat Vhdx =
        new("vhdx", "vhdx", FormatKind.DiskImage, "Hyper-V", "vhdx", null, true, 3);
    public static readonly TargetFormat Ova =
        new("ova", "ova", FormatKind.Ova, "VirtualBox, VMware (OVF 1.0 with a streamOptimized VMDK)", "vmdk", "subformat=streamOptimized", true, 22);
    public static readonly TargetFormat TarGz =
        new("tar.gz", "tar.gz", FormatKind.RootTarball, "containers, chroots, PXE (root filesystem tree)", null, null, false, 15);

    public static IReadOnlyList<TargetFormat> All { get; } = [Raw, Qcow2, Vmdk, Vdi, Vhd, Vhdx, Ova, TarGz];

    public static TargetFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
