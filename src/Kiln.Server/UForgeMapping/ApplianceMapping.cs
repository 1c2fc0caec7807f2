using Kiln.Builder.Appliances;
using Kiln.Builder.OsProfiles;
using Kiln.Server.UForgeApi;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeMapping;

/// <summary>UForge's appliance and linuxProfile documents to and from the catalog's appliance.</summary>
internal static class ApplianceMapping
{
    public static string Uri(string owner, long id) => $"users/{owner}/appliances/{id}";

    public static Doc.Appliance ToDocument(Catalog.Appliance appliance)
    {
        var d = appliance.Definition;
        var uri = Uri(appliance.Owner, appliance.Id);
        return new Doc.Appliance
        {
            DbId = appliance.Id,
            Created = appliance.Stamp.Created,
            LastModified = appliance.Stamp.LastModified,
            Digest = appliance.Stamp.Digest("appliance", appliance.Id),
            Name = d.Name,
            Version = d.Version,
            Description = d.Description,
            Revision = checked((int)appliance.Stamp.Revision),
            DistributionName = appliance.HasOsProfile ? $"{d.Os.Distribution} {d.Os.Release}" : null,
            DistributionUri = appliance.HasOsProfile ? DistributionUri(d.Os) : null,
            OsProfile = appliance.HasOsProfile ? ToProfileDocument(appliance) : null,
            OsProfileUri = appliance.HasOsProfile ? uri + "/osprofile/" + appliance.Id : null,
            BaseOsProfileUri = uri + "/osprofile",
            InstallProfile = InstallProfileMapping.ToDocument(d.InstallProfile, uri + "/installProfile"),
            InstallProfileUri = uri + "/installProfile",
            BaseImagesUri = uri + "/images",
            BaseImagesStatusUri = uri + "/images/statuses",
            Uri = uri,
        };
    }

    public static Doc.LinuxProfile ToProfileDocument(Catalog.Appliance appliance)
    {
        var os = appliance.Definition.Os;
        var (distributionId, profileId) = Ids(os);
        var uri = Uri(appliance.Owner, appliance.Id) + "/osprofile/" + appliance.Id;
        return new Doc.LinuxProfile
        {
            DbId = appliance.Id,
            Name = os.Profile,
            Arch = "x86_64",
            ApplianceUri = Uri(appliance.Owner, appliance.Id),
            DistributionUri = $"distributions/{distributionId}",
            StandardProfileUri = $"distributions/{distributionId}/profiles/{profileId}",
            PackagesUri = uri + "/pkgs",
            Uri = uri,
        };
    }

    /// <summary>The OS profile a linuxProfile names through its standardProfileUri (<c>distributions/{id}/profiles/{prid}</c>).</summary>
    public static OsProfileSpec ProfileFrom(Doc.DistribProfile document, IReadOnlyList<string> packages)
    {
        var parts = (document.StandardProfileUri ?? "").Trim('/').Split('/');
        if (parts.Length < 4 || parts[^4] != "distributions" || parts[^2] != "profiles"
            || !long.TryParse(parts[^3], out var distributionId) || !long.TryParse(parts[^1], out var profileId)
            || DistributionEndpoints.Find(distributionId) is not { } release || profileId < 1 || profileId > release.Profiles.Count)
            throw new ApplianceValidationException([new ValidationError("linuxProfile.standardProfileUri",
                $"'{document.StandardProfileUri}' names no OS profile; use distributions/{{id}}/profiles/{{prid}} from GET /api/distributions")]);
        return new OsProfileSpec
        {
            Distribution = release.Distribution, Release = release.Release, Arch = "x86_64",
            Profile = release.Profiles[(int)profileId - 1].Name, Packages = packages,
        };
    }

    private static string DistributionUri(OsProfileSpec os) => $"distributions/{Ids(os).DistributionId}";

    private static (long DistributionId, long ProfileId) Ids(OsProfileSpec os)
    {
        var releases = OsProfileCatalog.Releases;
        for (var i = 0; i < releases.Count; i++)
            if (releases[i] == OsProfileCatalog.FindRelease(os.Distribution, os.Release))
                return (i + 1, releases[i].Profiles.ToList().FindIndex(p => p.Name == os.Profile) + 1);
        return (0, 0);
    }
}
