namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Pkg</c>. Root element <c>package</c>. Holds information of a native operating system package
/// or file.
/// The xsd has no <c>pkg</c> root: a single package travels as <c>package</c>, lists as <c>packages</c> (<see
/// cref="PkgList"/>).
/// </summary>
public sealed class Pkg : UForgeUploadObject
{
    public string? Arch { get; set; }
    public string? BinaryUri { get; set; }
    public bool? Default { get; set; }
    public bool? Extract { get; set; }
    public string? FullName { get; set; }
    public bool? Install { get; set; }
    public string? InstallLocation { get; set; }
    public bool? Language { get; set; }
    public string? Name { get; set; }
    public string? OrigName { get; set; }
    public string? Params { get; set; }
    public string? ParentUri { get; set; }
    public DateTimeOffset? PkgBuildDate { get; set; }
    public DateTimeOffset? PkgFileDate { get; set; }
    public string? Release { get; set; }
    public string? ShortTag { get; set; }
    public string? RepositoryName { get; set; }
    public bool? Sticky { get; set; }
    public string? Type { get; set; }
    public string? Uri { get; set; }
    public string? Version { get; set; }
    public int? Epoch { get; set; }
}
