namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Logo</c>. Root element <c>logo</c>. Provides the meta-data of a logo or photo uploaded onto
/// the platform.
/// </summary>
public sealed class Logo : UForgeUploadObject
{
    public string? Description { get; set; }
    public string? Name { get; set; }
    public string? ParentUri { get; set; }
    public string? Title { get; set; }
    public string? Uri { get; set; }
}
