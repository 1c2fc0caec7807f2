namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Appliance</c>. Root element <c>appliance</c>. Holds all the meta-data information of a
/// software stack (known as an appliance template).
/// Not modelled (Kiln neither sends nor reads them; unknown elements are skipped when reading): applianceExports
/// (a list of ApplianceExport), bootScripts (a list of BootScript), confMgmtPlatforms (a list of
/// ConfMgmtPlatform), mySoftwareList (a list of MySoftware), oasPackage (OASPkg), projects (a list of Project),
/// publishImages (a list of PublishImage).
/// </summary>
public sealed class Appliance : UForgeObject
{
    public string? Uuid { get; set; }
    public string? ArchName { get; set; }
    public string? BaseCloneUri { get; set; }
    public string? BaseImagesStatusUri { get; set; }
    public string? BaseImagesUri { get; set; }
    public string? BaseMySoftwareUri { get; set; }
    public string? BaseOasPackageUri { get; set; }
    public string? BaseOsProfileUri { get; set; }
    public string? BaseProjectsUri { get; set; }
    public string? BasePublishImagesStatusUri { get; set; }
    public string? BasePublishImagesUri { get; set; }
    public string? BaseTemplatesStatusUri { get; set; }
    public string? BaseTemplatesUri { get; set; }
    public string? BootScriptsUri { get; set; }
    public List<string>? BootScriptUris { get; set; }
    public string? ConfMgmtPlatformsUri { get; set; }
    public List<string>? ConfMgmtPlatformUris { get; set; }
    public string? Description { get; set; }
    public string? DistributionName { get; set; }
    public string? DistributionUri { get; set; }
    public string? ExportsUri { get; set; }
    public List<string>? ImageUris { get; set; }
    public bool? Imported { get; set; }
    public long? InstalledSize { get; set; }
    public InstallProfile? InstallProfile { get; set; }
    public string? InstallProfileUri { get; set; }
    public DateTimeOffset? LastPkgUpdate { get; set; }
    public Logo? Logo { get; set; }
    public List<string>? MySoftwareUris { get; set; }
    public string? Name { get; set; }
    public int? NbSecurityUpdates { get; set; }
    public int? NbUpdates { get; set; }
    public string? OasPackageUri { get; set; }
    public string? OrgUri { get; set; }
    public DistribProfile? OsProfile { get; set; }
    public string? OsProfileUri { get; set; }
    public string? ParentApplianceUri { get; set; }
    public string? ParentTemplateUri { get; set; }
    public List<string>? ProjectUris { get; set; }
    public List<string>? PublishImageUris { get; set; }
    public int? Revision { get; set; }
    public bool? Shared { get; set; }
    public long? Size { get; set; }
    public string? Tag { get; set; }
    public string? Uri { get; set; }
    public string? Version { get; set; }
}
