namespace Kiln.Catalog;

/// <summary>
/// A UForge target format: the name users pick (<c>VirtualBox</c>, <c>Microsoft Azure</c>), UForge's image format name,
/// whether it is a virtual or a cloud platform, and the builder format that makes it.
/// </summary>
public sealed record TargetFormatEntry(long Id, string Name, string ImageFormat, string Type, string BuilderFormat);

/// <summary>The target formats Kiln offers, mapped onto what the builder produces.</summary>
public static class TargetFormatCatalog
{
    public static IReadOnlyList<TargetFormatEntry> All { get; } =
    [
        new(1, "VirtualBox", "vbox", "virtual", "ova"),
        new(2, "QCOW2", "qcow2", "virtual", "qcow2"),
        new(3, "OpenStack QCOW2", "openstackqcow2", "cloud", "qcow2"),
        new(4, "KVM", "qcow2", "virtual", "qcow2"),
        new(5, "Raw Virtual Disk", "raw", "virtual", "raw"),
        new(6, "VHD", "vhd", "virtual", "vhd"),
        new(7, "Microsoft Azure", "azure", "cloud", "vhd"),
        new(8, "Hyper-V", "hyper-v", "virtual", "vhdx"),
        new(9, "VMware vSphere", "vmware", "virtual", "ova"),
        new(10, "OVF or OVA", "ovf", "virtual", "ova"),
        new(11, "VDI", "vbox", "virtual", "vdi"),
    ];

    public static TargetFormatEntry? FindByName(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static TargetFormatEntry? FindById(long id) => All.FirstOrDefault(t => t.Id == id);
}
