namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>ImageFormat</c>. Root element <c>imageFormat</c>. Provides the information on a format
/// available for generating a machine image.
/// </summary>
public sealed class ImageFormat : UForgeObject
{
    public bool? Access { get; set; }
    public bool? Active { get; set; }
    /// <summary>One of the 39 values the xsd allows, e.g. aws, azure, cloudburstvmware, cloudstackova.</summary>
    public string? Name { get; set; }
    public bool? Preselected { get; set; }
    public string? Uri { get; set; }
}
