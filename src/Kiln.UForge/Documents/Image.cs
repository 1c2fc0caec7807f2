namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Image</c>. Root element <c>image</c>. Describes a machine image that can be used to provision
/// one or more instances on a target environment.
/// Not modelled (Kiln neither sends nor reads them; unknown elements are skipped when reading): credAccount
/// (CredAccount).
/// </summary>
public sealed class Image : UForgeUploadObject
{
    public string? ParentUri { get; set; }
    public string? BasePublishImagesUri { get; set; }
    public long? CompleteInstalledSize { get; set; }
    public long? CompleteSize { get; set; }
    public bool? Compress { get; set; }
    public string? DistributionName { get; set; }
    public string? DownloadKey { get; set; }
    public string? DownloadUri { get; set; }
    public bool? Ebs { get; set; }
    public int? EbsVolumeSize { get; set; }
    public string? FileExtension { get; set; }
    public string? FileName { get; set; }
    public long? FileSize { get; set; }
    public ImageFormat? Format { get; set; }
    public TargetFormat? TargetFormat { get; set; }
    public string? FullName { get; set; }
    public bool? ImageCreated { get; set; }
    public InstallProfile? InstallProfile { get; set; }
    public string? Name { get; set; }
    public string? OrgUri { get; set; }
    public string? PkgsUri { get; set; }
    public bool? PublicAccess { get; set; }
    public bool? RegisteredCredAccount { get; set; }
    public int? Revision { get; set; }
    public bool? Simulated { get; set; }
    public string? StatusUri { get; set; }
    public string? Tag { get; set; }
    public bool? UpdateTools { get; set; }
    public string? Uri { get; set; }
    public string? Version { get; set; }
    public long? VmDiskSize { get; set; }
    public int? VmMemorySize { get; set; }
    public bool? ForceCheckingDeps { get; set; }
    public string? Entrypoint { get; set; }
    public string? RegisteringName { get; set; }
}
