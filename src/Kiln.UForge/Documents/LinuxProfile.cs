namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>LinuxProfile</c>. Root element <c>linuxProfile</c>. Describes a group of native packages from
/// a linux operating system.
/// </summary>
public sealed class LinuxProfile : DistribProfile
{
    public string? DistributionPackagesUri { get; set; }
    public string? DistributionServicesUri { get; set; }
    public bool? ExcludeDocs { get; set; }
    public string? PackagesUri { get; set; }
    public List<string>? PackageUris { get; set; }
    public string? ServicesUri { get; set; }
    public List<string>? ServiceUris { get; set; }
    public string? UpdatesUri { get; set; }
}
