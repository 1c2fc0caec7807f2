namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>PkgList</c>. Root element <c>packages</c>. Provides a list of package objects to add or
/// delete.
/// Not a UForgeObjects list: no total, but the uris to add and delete besides the packages.
/// </summary>
public sealed class PkgList
{
    public List<string>? AddedPkgUris { get; set; }
    public List<string>? DeletedPkgUris { get; set; }
    public List<Pkg>? Pkgs { get; set; }
}
