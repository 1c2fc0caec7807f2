namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Distribution</c>. Root element <c>distribution</c>. Describes a specific version of an
/// operating system that is registered on the platform.
/// </summary>
public sealed class Distribution : UForgeObject
{
    public bool? Active { get; set; }
    /// <summary>One of i386, i586, i686, noarch, x86_64 (the xsd restricts the values).</summary>
    public string? Arch { get; set; }
    public string? BaseMilestonesUri { get; set; }
    public string? BasePkgsUri { get; set; }
    public string? BaseProfilesUri { get; set; }
    public string? BaseRepositoriesUri { get; set; }
    public string? BaseProhibitedFormatsUri { get; set; }
    public string? BaseProhibitedTargetFormatsUri { get; set; }
    public string? BaseServicesUri { get; set; }
    public string? BaseGoldensUri { get; set; }
    public Company? Company { get; set; }
    public string? CompleteProfileUri { get; set; }
    public string? Description { get; set; }
    /// <summary>One of linux, unix, windows (the xsd restricts the values).</summary>
    public string? Family { get; set; }
    public DateTimeOffset? LastPkgBuildDate { get; set; }
    public License? License { get; set; }
    public List<string>? MilestoneUris { get; set; }
    /// <summary>
    /// One of CentOS, Debian, Fedora Core, OpenSUSE, Oracle Linux, RedHat Enterprise Linux, Scientific Linux,
    /// SUSE Linux Enterprise Server, Ubuntu, Windows (the xsd restricts the values).
    /// </summary>
    public string? Name { get; set; }
    public string? ParentUri { get; set; }
    public string? PkgType { get; set; }
    public bool? Preselected { get; set; }
    public List<DistribProfile>? Profiles { get; set; }
    public List<string>? ProfileUris { get; set; }
    public List<ImageFormat>? ProhibitedFormats { get; set; }
    public List<TargetFormat>? ProhibitedTargetFormats { get; set; }
    public DateTimeOffset? ReleaseDate { get; set; }
    public List<string>? ServiceUris { get; set; }
    public long? Size { get; set; }
    public long? SkeletonSize { get; set; }
    public string? Uri { get; set; }
    public string? Version { get; set; }
    public long? VersionId { get; set; }
    public bool? Visible { get; set; }
    public string? WelcomeMsg { get; set; }
}
