namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>OSGroup</c>. Root element <c>osGroup</c>. Description of an operating system group for
/// filesystem directory and file permissions.
/// </summary>
public sealed class OSGroup : UForgeObject
{
    public string? GroupId { get; set; }
    public bool? GroupIdAuto { get; set; }
    public string? Name { get; set; }
    /// <summary>An xs:int in the xsd, not a boolean.</summary>
    public int? Sudo { get; set; }
    public bool? SystemGroup { get; set; }
    public string? Uri { get; set; }
    public string? Password { get; set; }
    public bool? Encrypted { get; set; }
}
