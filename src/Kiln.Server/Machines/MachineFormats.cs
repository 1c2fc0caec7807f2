using Kiln.Catalog;

namespace Kiln.Server.Machines;

/// <summary>The disk format QEMU opens an image's file as; null when a machine cannot start from it (a root tarball).</summary>
internal static class MachineFormats
{
    public static string? QemuFormat(Image image) => image.Format switch
    {
        "qcow2" or "raw" or "vmdk" or "vdi" or "vhdx" or "ova" => image.Format,
        "vhd" => "vpc",
        _ => null,
    };

    /// <summary>UEFI when the image was built for it, or an imported image's label property <c>firmware</c> says so.</summary>
    public static bool Uefi(Image image) =>
        image.Definition?.Boot == "uefi"
        || (image.Label.Properties.TryGetValue("firmware", out var firmware) && string.Equals(firmware, "uefi", StringComparison.OrdinalIgnoreCase));
}
