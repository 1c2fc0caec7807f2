namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>User</c>. Root element <c>user</c>. Describes an user of the platform.
/// Not modelled (Kiln neither sends nor reads them; unknown elements are skipped when reading): address
/// (Address), productAccess (ProductAccess), publishGalleries (a list of Gallery), rankings (a list of Ranking),
/// tags (a list of Tag), vAppAccess (VAppAccess).
/// </summary>
public sealed class User : UserProfile
{
    public bool? Admin { get; set; }
    public string? AdminOrgsUri { get; set; }
    public List<string>? AdminOrgUris { get; set; }
    public int? ApiKeysQuota { get; set; }
    public List<string>? ApplianceUris { get; set; }
    public string? BaseApiKeysUri { get; set; }
    public string? BaseAppliancesUri { get; set; }
    public string? BaseBlueprintsUri { get; set; }
    public string? BaseCredAccountsUri { get; set; }
    public string? BaseDeploymentsUri { get; set; }
    public string? BaseDistributionsUri { get; set; }
    public string? BaseFormatsUri { get; set; }
    public string? BaseTargetPlatformsUri { get; set; }
    public string? BaseTargetFormatsUri { get; set; }
    public string? BaseGalleriesUri { get; set; }
    public string? BaseGalleryOrgsUri { get; set; }
    public string? BaseImagesUri { get; set; }
    public string? BaseExportsUri { get; set; }
    public string? BaseImportsUri { get; set; }
    public string? MySoftwareImportsUri { get; set; }
    public string? BaseMySoftwareLibraryUri { get; set; }
    public string? BaseOrgsUri { get; set; }
    public string? BaseProjectsUri { get; set; }
    public string? BasePublishImagesUri { get; set; }
    public string? BaseRankingsUri { get; set; }
    public string? BaseRolesUri { get; set; }
    public string? BaseTagsUri { get; set; }
    public string? BaseWorkspacesUri { get; set; }
    public string? CreationCode { get; set; }
    public List<string>? CredAccountUris { get; set; }
    public string? ArtifactAccountsUri { get; set; }
    public DateTimeOffset? Dob { get; set; }
    public string? Gender { get; set; }
    public string? HomePhone { get; set; }
    public string? InstancesUri { get; set; }
    public string? Lang { get; set; }
    public string? MigrationsUri { get; set; }
    public string? MobilePhone { get; set; }
    public List<string>? MySoftwareLibraryUris { get; set; }
    public string? Name { get; set; }
    public string? OfficePhone { get; set; }
    public List<string>? OrgUris { get; set; }
    public string? Password { get; set; }
    public List<string>? ProjectUris { get; set; }
    public string? PromoCode { get; set; }
    public string? QuotasUri { get; set; }
    public List<Role>? Roles { get; set; }
    public string? ScannedInstancesUri { get; set; }
    public string? ScansUri { get; set; }
    public List<SSHKey>? SshKeys { get; set; }
    public string? SshKeysUri { get; set; }
    public string? StatsUri { get; set; }
    public string? Uri { get; set; }
    public string? UsageUri { get; set; }
}
