namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>License</c>. Root element <c>license</c>. Holds the meta-data of a license file.
/// </summary>
public sealed class License : UForgeUploadObject
{
    public string? Name { get; set; }
    public string? ParentUri { get; set; }
    public string? Type { get; set; }
    public string? Uri { get; set; }
}
