namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>DistribProfile</c>. Describes an abstract profile shared between linux and windows.
/// Abstract: wherever the xsd expects one (<c>appliance/osProfile</c>, <c>distribution/profiles</c>,
/// <c>distribProfiles</c>) it is written with <c>xsi:type="ns0:LinuxProfile"</c>; as a body it comes under
/// <c>linuxProfile</c>, or <c>distribProfile</c> with that xsi:type.
/// </summary>
public abstract class DistribProfile : UForgeObject
{
    public string? Abbreviation { get; set; }
    public bool? Active { get; set; }
    public string? ApplianceUri { get; set; }
    public string? Arch { get; set; }
    public string? Description { get; set; }
    public string? DistributionUri { get; set; }
    public long? InstalledSize { get; set; }
    public string? Name { get; set; }
    public string? StandardProfileUri { get; set; }
    public string? Uri { get; set; }
    public long? Size { get; set; }
    public string? Version { get; set; }
}
