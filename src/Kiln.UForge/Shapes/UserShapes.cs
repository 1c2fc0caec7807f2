using Kiln.UForge.Wire;

namespace Kiln.UForge.Shapes;

internal static class UserShapes
{
    public static readonly Shape<Entitlement> Entitlement = new Shape<Entitlement>(() => new Entitlement())
        .Text("description", x => x.Description, (x, v) => x.Description = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v);

    public static readonly Shape<Entitlements> Entitlements = new Shape<Entitlements>(() => new Entitlements())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("entitlements", "entitlement", x => x.Items, (x, v) => x.Items = v, () => Entitlement);

    public static readonly Shape<Role> Role = new Shape<Role>(() => new Role())
        .Inherit(CommonShapes.UForgeObject.Members)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("description", x => x.Description, (x, v) => x.Description = v)
        .List("entitlements", "entitlement", x => x.Entitlements, (x, v) => x.Entitlements = v, () => Entitlement);

    public static readonly Shape<Roles> Roles = new Shape<Roles>(() => new Roles())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("roles", "role", x => x.Items, (x, v) => x.Items = v, () => Role);

    public static readonly Shape<UserProfile> UserProfile = new Shape<UserProfile>(() => new UserProfile())
        .Inherit(CommonShapes.UForgeObject.Members)
        .Text("loginName", x => x.LoginName, (x, v) => x.LoginName = v)
        .Boolean("active", x => x.Active, (x, v) => x.Active = v)
        .Element("company", x => x.Company, (x, v) => x.Company = v, () => CommonShapes.Company)
        .Text("email", x => x.Email, (x, v) => x.Email = v)
        .Text("firstName", x => x.FirstName, (x, v) => x.FirstName = v)
        .Text("surname", x => x.Surname, (x, v) => x.Surname = v)
        .Text("jobTitle", x => x.JobTitle, (x, v) => x.JobTitle = v)
        .Element("photo", x => x.Photo, (x, v) => x.Photo = v, () => CommonShapes.Logo)
        .Text("website", x => x.Website, (x, v) => x.Website = v);

    public static readonly Shape<User> User = new Shape<User>(() => new User())
        .Inherit(UserProfile.Members)
        .Boolean("admin", x => x.Admin, (x, v) => x.Admin = v)
        .Text("adminOrgsUri", x => x.AdminOrgsUri, (x, v) => x.AdminOrgsUri = v)
        .Uris("adminOrgUris", x => x.AdminOrgUris, (x, v) => x.AdminOrgUris = v)
        .Int32("apiKeysQuota", x => x.ApiKeysQuota, (x, v) => x.ApiKeysQuota = v)
        .Uris("applianceUris", x => x.ApplianceUris, (x, v) => x.ApplianceUris = v)
        .Text("baseApiKeysUri", x => x.BaseApiKeysUri, (x, v) => x.BaseApiKeysUri = v)
        .Text("baseAppliancesUri", x => x.BaseAppliancesUri, (x, v) => x.BaseAppliancesUri = v)
        .Text("baseBlueprintsUri", x => x.BaseBlueprintsUri, (x, v) => x.BaseBlueprintsUri = v)
        .Text("baseCredAccountsUri", x => x.BaseCredAccountsUri, (x, v) => x.BaseCredAccountsUri = v)
        .Text("baseDeploymentsUri", x => x.BaseDeploymentsUri, (x, v) => x.BaseDeploymentsUri = v)
        .Text("baseDistributionsUri", x => x.BaseDistributionsUri, (x, v) => x.BaseDistributionsUri = v)
        .Text("baseFormatsUri", x => x.BaseFormatsUri, (x, v) => x.BaseFormatsUri = v)
        .Text("baseTargetPlatformsUri", x => x.BaseTargetPlatformsUri, (x, v) => x.BaseTargetPlatformsUri = v)
        .Text("baseTargetFormatsUri", x => x.BaseTargetFormatsUri, (x, v) => x.BaseTargetFormatsUri = v)
        .Text("baseGalleriesUri", x => x.BaseGalleriesUri, (x, v) => x.BaseGalleriesUri = v)
        .Text("baseGalleryOrgsUri", x => x.BaseGalleryOrgsUri, (x, v) => x.BaseGalleryOrgsUri = v)
        .Text("baseImagesUri", x => x.BaseImagesUri, (x, v) => x.BaseImagesUri = v)
        .Text("baseExportsUri", x => x.BaseExportsUri, (x, v) => x.BaseExportsUri = v)
        .Text("baseImportsUri", x => x.BaseImportsUri, (x, v) => x.BaseImportsUri = v)
        .Text("mySoftwareImportsUri", x => x.MySoftwareImportsUri, (x, v) => x.MySoftwareImportsUri = v)
        .Text("baseMySoftwareLibraryUri", x => x.BaseMySoftwareLibraryUri, (x, v) => x.BaseMySoftwareLibraryUri = v)
        .Text("baseOrgsUri", x => x.BaseOrgsUri, (x, v) => x.BaseOrgsUri = v)
        .Text("baseProjectsUri", x => x.BaseProjectsUri, (x, v) => x.BaseProjectsUri = v)
        .Text("basePublishImagesUri", x => x.BasePublishImagesUri, (x, v) => x.BasePublishImagesUri = v)
        .Text("baseRankingsUri", x => x.BaseRankingsUri, (x, v) => x.BaseRankingsUri = v)
        .Text("baseRolesUri", x => x.BaseRolesUri, (x, v) => x.BaseRolesUri = v)
        .Text("baseTagsUri", x => x.BaseTagsUri, (x, v) => x.BaseTagsUri = v)
        .Text("baseWorkspacesUri", x => x.BaseWorkspacesUri, (x, v) => x.BaseWorkspacesUri = v)
        .Text("creationCode", x => x.CreationCode, (x, v) => x.CreationCode = v)
        .Uris("credAccountUris", x => x.CredAccountUris, (x, v) => x.CredAccountUris = v)
        .Text("artifactAccountsUri", x => x.ArtifactAccountsUri, (x, v) => x.ArtifactAccountsUri = v)
        .DateTime("dob", x => x.Dob, (x, v) => x.Dob = v)
        .Text("gender", x => x.Gender, (x, v) => x.Gender = v)
        .Text("homePhone", x => x.HomePhone, (x, v) => x.HomePhone = v)
        .Text("instancesUri", x => x.InstancesUri, (x, v) => x.InstancesUri = v)
        .Text("lang", x => x.Lang, (x, v) => x.Lang = v)
        .Text("migrationsUri", x => x.MigrationsUri, (x, v) => x.MigrationsUri = v)
        .Text("mobilePhone", x => x.MobilePhone, (x, v) => x.MobilePhone = v)
        .Uris("mySoftwareLibraryUris", x => x.MySoftwareLibraryUris, (x, v) => x.MySoftwareLibraryUris = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("officePhone", x => x.OfficePhone, (x, v) => x.OfficePhone = v)
        .Uris("orgUris", x => x.OrgUris, (x, v) => x.OrgUris = v)
        .Text("password", x => x.Password, (x, v) => x.Password = v)
        .Uris("projectUris", x => x.ProjectUris, (x, v) => x.ProjectUris = v)
        .Text("promoCode", x => x.PromoCode, (x, v) => x.PromoCode = v)
        .Text("quotasUri", x => x.QuotasUri, (x, v) => x.QuotasUri = v)
        .List("roles", "role", x => x.Roles, (x, v) => x.Roles = v, () => Role)
        .Text("scannedInstancesUri", x => x.ScannedInstancesUri, (x, v) => x.ScannedInstancesUri = v)
        .Text("scansUri", x => x.ScansUri, (x, v) => x.ScansUri = v)
        .List("sshKeys", "sshKey", x => x.SshKeys, (x, v) => x.SshKeys = v, () => ApplianceShapes.SSHKey)
        .Text("sshKeysUri", x => x.SshKeysUri, (x, v) => x.SshKeysUri = v)
        .Text("statsUri", x => x.StatsUri, (x, v) => x.StatsUri = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Text("usageUri", x => x.UsageUri, (x, v) => x.UsageUri = v);

    public static readonly Shape<Users> Users = new Shape<Users>(() => new Users())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("users", "user", x => x.Items, (x, v) => x.Items = v, () => User);
}
