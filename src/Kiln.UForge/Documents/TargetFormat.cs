namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>TargetFormat</c>. Root element <c>targetFormat</c>. Holds information that extends a primitive
/// image format.
/// </summary>
public sealed class TargetFormat : UForgeObject
{
    public string? Name { get; set; }
    public Logo? Logo { get; set; }
    public ImageFormat? Format { get; set; }
    public Category? Category { get; set; }
    /// <summary>One of cloud, virtual, container, physical (the xsd restricts the values).</summary>
    public string? Type { get; set; }
    /// <summary>
    /// One of aws, outscale, azure, google, cloudstack, openstack, openshift, vclouddirector, vsphere, k5,
    /// docker, oracle (the xsd restricts the values).
    /// </summary>
    public string? CredAccountType { get; set; }
    public string? TargetPlatformsUri { get; set; }
    public List<string>? TargetPlatformsUriList { get; set; }
    public string? CredInfos { get; set; }
    public string? ImageInfos { get; set; }
    public string? PublishInfos { get; set; }
    public bool? Access { get; set; }
    public bool? Active { get; set; }
    public bool? Preselected { get; set; }
    public string? Uri { get; set; }
}
