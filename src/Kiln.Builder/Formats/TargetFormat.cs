namespace Kiln.Builder.Formats;

/// <summary>How an artefact is produced from the build's raw disk or root tree.</summary>
public enum FormatKind
{
    /// <summary><c>qemu-img convert</c> of the raw disk.</summary>
    DiskImage,

    /// <summary>An OVA: OVF descriptor, manifest and streamOptimized VMDK in a tar.</summary>
    Ova,

    /// <summary>A gzip-compressed tar of the customized root tree.</summary>
    RootTarball,
}

/// <summary>One format a build can produce.</summary>
/// <param name="Name">What users type (<c>qcow2</c>, <c>ova</c>, ...).</param>
/// <param name="QemuFormat">qemu-img's name for the disk format (VHD is <c>vpc</c>); null when not a disk image.</param>
/// <param name="QemuOptions">The <c>-o</c> options given to qemu-img convert.</param>
/// <param name="Checkable">Whether <c>qemu-img check</c> can verify the result.</param>
/// <param name="ConvertWeight">Relative cost of producing it, for progress (streamOptimized VMDK compresses: slow).</param>
public sealed record TargetFormat(
    string Name,
    string Extension,
    FormatKind Kind,
    string Platforms,
    string? QemuFormat,
    string? QemuOptions,
    bool Checkable,
    int ConvertWeight)
{
    public override string ToString() => Name;
}
