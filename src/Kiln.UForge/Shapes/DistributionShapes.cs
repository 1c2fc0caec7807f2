using Kiln.UForge.Wire;

namespace Kiln.UForge.Shapes;

internal static class DistributionShapes
{
    public static readonly Shape<DistribProfile> DistribProfileBase = new Shape<DistribProfile>()
        .Inherit(CommonShapes.UForgeObject.Members)
        .Text("abbreviation", x => x.Abbreviation, (x, v) => x.Abbreviation = v)
        .Boolean("active", x => x.Active, (x, v) => x.Active = v)
        .Text("applianceUri", x => x.ApplianceUri, (x, v) => x.ApplianceUri = v)
        .Text("arch", x => x.Arch, (x, v) => x.Arch = v)
        .Text("description", x => x.Description, (x, v) => x.Description = v)
        .Text("distributionUri", x => x.DistributionUri, (x, v) => x.DistributionUri = v)
        .Int64("installedSize", x => x.InstalledSize, (x, v) => x.InstalledSize = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("standardProfileUri", x => x.StandardProfileUri, (x, v) => x.StandardProfileUri = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Int64("size", x => x.Size, (x, v) => x.Size = v)
        .Text("version", x => x.Version, (x, v) => x.Version = v);

    public static readonly Shape<LinuxProfile> LinuxProfile = new Shape<LinuxProfile>(() => new LinuxProfile())
        .Inherit(DistribProfileBase.Members)
        .Text("distributionPackagesUri", x => x.DistributionPackagesUri, (x, v) => x.DistributionPackagesUri = v)
        .Text("distributionServicesUri", x => x.DistributionServicesUri, (x, v) => x.DistributionServicesUri = v)
        .Boolean("excludeDocs", x => x.ExcludeDocs, (x, v) => x.ExcludeDocs = v)
        .Text("packagesUri", x => x.PackagesUri, (x, v) => x.PackagesUri = v)
        .Uris("packageUris", x => x.PackageUris, (x, v) => x.PackageUris = v)
        .Text("servicesUri", x => x.ServicesUri, (x, v) => x.ServicesUri = v)
        .Uris("serviceUris", x => x.ServiceUris, (x, v) => x.ServiceUris = v)
        .Text("updatesUri", x => x.UpdatesUri, (x, v) => x.UpdatesUri = v);

    // Abstract in the xsd: an element of this type carries xsi:type; a body without one is read as Linux.
    public static readonly Polymorphic<DistribProfile> DistribProfile = new(
        Polymorphic<DistribProfile>.Variant("LinuxProfile", () => LinuxProfile));

    public static readonly Shape<DistribProfiles> DistribProfiles = new Shape<DistribProfiles>(() => new DistribProfiles())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("distribProfiles", "distribProfile", x => x.Items, (x, v) => x.Items = v, () => DistribProfile);

    public static readonly Shape<LinuxProfiles> LinuxProfiles = new Shape<LinuxProfiles>(() => new LinuxProfiles())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("linuxProfiles", "linuxProfile", x => x.Items, (x, v) => x.Items = v, () => LinuxProfile);

    public static readonly Shape<Pkg> Pkg = new Shape<Pkg>(() => new Pkg())
        .Inherit(CommonShapes.UForgeUploadObject.Members)
        .Text("arch", x => x.Arch, (x, v) => x.Arch = v)
        .Text("binaryUri", x => x.BinaryUri, (x, v) => x.BinaryUri = v)
        .Boolean("default", x => x.Default, (x, v) => x.Default = v)
        .Boolean("extract", x => x.Extract, (x, v) => x.Extract = v)
        .Text("fullName", x => x.FullName, (x, v) => x.FullName = v)
        .Boolean("install", x => x.Install, (x, v) => x.Install = v)
        .Text("installLocation", x => x.InstallLocation, (x, v) => x.InstallLocation = v)
        .Boolean("language", x => x.Language, (x, v) => x.Language = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("origName", x => x.OrigName, (x, v) => x.OrigName = v)
        .Text("params", x => x.Params, (x, v) => x.Params = v)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .DateTime("pkgBuildDate", x => x.PkgBuildDate, (x, v) => x.PkgBuildDate = v)
        .DateTime("pkgFileDate", x => x.PkgFileDate, (x, v) => x.PkgFileDate = v)
        .Text("release", x => x.Release, (x, v) => x.Release = v)
        .Text("shortTag", x => x.ShortTag, (x, v) => x.ShortTag = v)
        .Text("repositoryName", x => x.RepositoryName, (x, v) => x.RepositoryName = v)
        .Boolean("sticky", x => x.Sticky, (x, v) => x.Sticky = v)
        .Text("type", x => x.Type, (x, v) => x.Type = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Text("version", x => x.Version, (x, v) => x.Version = v)
        .Int32("epoch", x => x.Epoch, (x, v) => x.Epoch = v);

    public static readonly Shape<PkgList> PkgList = new Shape<PkgList>(() => new PkgList())
        .Uris("addedPkgUris", x => x.AddedPkgUris, (x, v) => x.AddedPkgUris = v)
        .Uris("deletedPkgUris", x => x.DeletedPkgUris, (x, v) => x.DeletedPkgUris = v)
        .List("pkgs", "pkg", x => x.Pkgs, (x, v) => x.Pkgs = v, () => Pkg);

    public static readonly Shape<Distribution> Distribution = new Shape<Distribution>(() => new Distribution())
        .Inherit(CommonShapes.UForgeObject.Members)
        .Boolean("active", x => x.Active, (x, v) => x.Active = v)
        .Text("arch", x => x.Arch, (x, v) => x.Arch = v)
        .Text("baseMilestonesUri", x => x.BaseMilestonesUri, (x, v) => x.BaseMilestonesUri = v)
        .Text("basePkgsUri", x => x.BasePkgsUri, (x, v) => x.BasePkgsUri = v)
        .Text("baseProfilesUri", x => x.BaseProfilesUri, (x, v) => x.BaseProfilesUri = v)
        .Text("baseRepositoriesUri", x => x.BaseRepositoriesUri, (x, v) => x.BaseRepositoriesUri = v)
        .Text("baseProhibitedFormatsUri", x => x.BaseProhibitedFormatsUri, (x, v) => x.BaseProhibitedFormatsUri = v)
        .Text("baseProhibitedTargetFormatsUri", x => x.BaseProhibitedTargetFormatsUri, (x, v) => x.BaseProhibitedTargetFormatsUri = v)
        .Text("baseServicesUri", x => x.BaseServicesUri, (x, v) => x.BaseServicesUri = v)
        .Text("baseGoldensUri", x => x.BaseGoldensUri, (x, v) => x.BaseGoldensUri = v)
        .Element("company", x => x.Company, (x, v) => x.Company = v, () => CommonShapes.Company)
        .Text("completeProfileUri", x => x.CompleteProfileUri, (x, v) => x.CompleteProfileUri = v)
        .Text("description", x => x.Description, (x, v) => x.Description = v)
        .Text("family", x => x.Family, (x, v) => x.Family = v)
        .DateTime("lastPkgBuildDate", x => x.LastPkgBuildDate, (x, v) => x.LastPkgBuildDate = v)
        .Element("license", x => x.License, (x, v) => x.License = v, () => CommonShapes.License)
        .Uris("milestoneUris", x => x.MilestoneUris, (x, v) => x.MilestoneUris = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .Text("pkgType", x => x.PkgType, (x, v) => x.PkgType = v)
        .Boolean("preselected", x => x.Preselected, (x, v) => x.Preselected = v)
        .List("profiles", "profile", x => x.Profiles, (x, v) => x.Profiles = v, () => DistribProfile)
        .Uris("profileUris", x => x.ProfileUris, (x, v) => x.ProfileUris = v)
        .List("prohibitedFormats", "prohibitedFormat", x => x.ProhibitedFormats, (x, v) => x.ProhibitedFormats = v, () => FormatShapes.ImageFormat)
        .List(
            "prohibitedTargetFormats", "prohibitedTargetFormat", x => x.ProhibitedTargetFormats, (x, v) => x.ProhibitedTargetFormats = v, () => FormatShapes.TargetFormat)
        .DateTime("releaseDate", x => x.ReleaseDate, (x, v) => x.ReleaseDate = v)
        .Uris("serviceUris", x => x.ServiceUris, (x, v) => x.ServiceUris = v)
        .Int64("size", x => x.Size, (x, v) => x.Size = v)
        .Int64("skeletonSize", x => x.SkeletonSize, (x, v) => x.SkeletonSize = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Text("version", x => x.Version, (x, v) => x.Version = v)
        .Int64("versionId", x => x.VersionId, (x, v) => x.VersionId = v)
        .Boolean("visible", x => x.Visible, (x, v) => x.Visible = v)
        .Text("welcomeMsg", x => x.WelcomeMsg, (x, v) => x.WelcomeMsg = v);

    public static readonly Shape<Distributions> Distributions = new Shape<Distributions>(() => new Distributions())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("distributions", "distribution", x => x.Items, (x, v) => x.Items = v, () => Distribution);
}
