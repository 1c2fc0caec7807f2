using Kiln.Builder.OsProfiles;
using Kiln.Builder.Packages;
using Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>The distributions and OS profiles the builder can bootstrap, and their packages from the signed index.</summary>
internal static class DistributionEndpoints
{
    public const int MaxPackages = 500;

    public static void MapDistributionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/distributions", GetAll).WithName("distribution_getAll").WithSummary("The distributions Kiln builds");
        api.MapGet("/users/{uid}/distros", GetAll).WithName("userOs_getAll").WithSummary("The distributions a user may build");
        api.MapGet("/distributions/{id:long}", Get).WithName("distribution_get").WithSummary("One distribution");
        api.MapGet("/distributions/{id:long}/profiles", GetProfiles).WithName("distribProfile_getAll").WithSummary("Its OS profiles");
        api.MapGet("/distributions/{id:long}/pkgs", GetPackages).WithName("distribPkg_getAll")
            .WithSummary("Its packages matching query (a name or glob), from the release's signed package index");
    }

    private static UForgeDocumentResult GetAll() =>
        new(new Distributions { Items = [.. OsProfileCatalog.Releases.Select((r, i) => Document(r, i + 1))], Total = OsProfileCatalog.Releases.Count });

    private static UForgeDocumentResult Get(HttpContext context, long id) =>
        Find(id) is { } release ? new UForgeDocumentResult(Document(release, id)) : NotFound(context, id);

    private static UForgeDocumentResult GetProfiles(HttpContext context, long id)
    {
        if (Find(id) is not { } release)
            return NotFound(context, id);
        return new UForgeDocumentResult(new DistribProfiles
        {
            Items = [.. release.Profiles.Select((p, i) => (DistribProfile)Profile(release, id, p, i + 1))],
            Total = release.Profiles.Count,
        });
    }

    private static async Task<UForgeDocumentResult> GetPackages(HttpContext context, long id, string? query, PackageIndexStore indexes, Hosting.DebianMirror mirror)
    {
        if (Find(id) is not { } release)
            return NotFound(context, id);
        var index = await indexes.GetAsync(mirror.Url, release.Codename, "amd64", context.RequestAborted).ConfigureAwait(false);
        var (pattern, exact) = PackageQuery(query);
        var found = exact ? (index.Find(pattern) is { } one ? [one] : []) : index.Search(pattern);
        var matches = found.Take(MaxPackages).Select(p => new Pkg
        {
            Name = p.Name, Version = p.Version, Arch = p.Architecture, FullName = $"{p.Name}_{p.Version}_{p.Architecture}",
            Size = p.InstalledSizeKiB * 1024, Release = release.Codename,
        });
        return new UForgeDocumentResult(new PkgList { Pkgs = [.. matches] });
    }

    /// <summary>
    /// UForge sends FIQL: <c>name=='nginx'</c> is that package, <c>name=='*nginx*'</c> a glob. A bare word (no FIQL) is a
    /// substring search, for people typing in a browser.
    /// </summary>
    internal static (string Pattern, bool Exact) PackageQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
            return ("*", false);
        var text = query.Trim();
        if (!text.StartsWith("name==", StringComparison.Ordinal))
            return (text, false);
        var value = text["name==".Length..].Trim('\'', '"');
        return (value, !value.Contains('*', StringComparison.Ordinal));
    }

    internal static DistributionRelease? Find(long id) =>
        id >= 1 && id <= OsProfileCatalog.Releases.Count ? OsProfileCatalog.Releases[(int)id - 1] : null;

    private static UForgeDocumentResult NotFound(HttpContext context, long id) =>
        UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No distribution {id}.");

    private static Distribution Document(DistributionRelease release, long id) => new()
    {
        DbId = id,
        Name = char.ToUpperInvariant(release.Distribution[0]) + release.Distribution[1..],
        Version = release.Release,
        Arch = "x86_64",
        Family = "linux",
        PkgType = "deb",
        Active = true,
        Visible = true,
        Description = $"{release.Distribution} {release.Release} ({release.Codename})",
        Uri = $"distributions/{id}",
        BaseProfilesUri = $"distributions/{id}/profiles",
        BasePkgsUri = $"distributions/{id}/pkgs",
    };

    internal static LinuxProfile Profile(DistributionRelease release, long distributionId, OsProfile profile, long id) => new()
    {
        DbId = id,
        Name = profile.Name,
        Description = profile.Description,
        Arch = "x86_64",
        Active = true,
        DistributionUri = $"distributions/{distributionId}",
        Uri = $"distributions/{distributionId}/profiles/{id}",
        InstalledSize = profile.EstimatedTreeMiB * 1024L * 1024L,
        PackageUris = [.. profile.Packages.Select(p => $"distributions/{distributionId}/pkgs?query=name=='{p}'")],
    };
}
