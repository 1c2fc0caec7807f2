namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>ImagePkg</c>. Root element <c>imagePkg</c>. Provides the details of a group of files (package)
/// that are to be installed as part of a machine image.
/// Not a UForgeObject; <c>native_from_distribution</c> is spelt with underscores in the xsd.
/// </summary>
public sealed class ImagePkg
{
    public int? Level { get; set; }
    public bool? NativeFromDistribution { get; set; }
    public Pkg? Pkg { get; set; }
}
