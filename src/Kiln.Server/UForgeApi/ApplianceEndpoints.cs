using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Kiln.Server.Images;
using Kiln.Server.UForgeMapping;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>Appliances of a user: create, read, list, update, delete; their OS profile, its packages, and their install profile.</summary>
internal static class ApplianceEndpoints
{
    private static readonly Dictionary<string, Func<Appliance, object?>> Fields = new()
    {
        ["dbId"] = a => a.Id,
        ["name"] = a => a.Definition.Name,
        ["version"] = a => a.Definition.Version,
        ["created"] = a => a.Stamp.Created,
        ["lastModified"] = a => a.Stamp.LastModified,
    };

    public static void MapApplianceEndpoints(this RouteGroupBuilder api)
    {
        var appliances = api.MapGroup("/users/{uid}/appliances").RequireEntitlement(Entitlements.ApplianceCreate);
        appliances.MapPost("", Create).WithName("appliance_create").WithSummary("Create an appliance");
        appliances.MapGet("", List).WithName("appliance_getAll").WithSummary("The user's appliances (FIQL query on name and version)");
        appliances.MapGet("/{aid:long}", Get).WithName("appliance_get").WithSummary("One appliance");
        appliances.MapPut("/{aid:long}", Update).WithName("appliance_update").WithSummary("Change name, version, description, install profile");
        appliances.MapDelete("/{aid:long}", Delete).WithName("appliance_delete").WithSummary("Delete an appliance and its images");
        appliances.MapPost("/{aid:long}/osprofile", SetOsProfile).WithName("applianceOsProfile_create").WithSummary("Give the appliance its OS profile");
        appliances.MapGet("/{aid:long}/osprofile/{osid:long}", GetOsProfile).WithName("applianceOsProfile_get").WithSummary("The appliance's OS profile");
        appliances.MapDelete("/{aid:long}/osprofile/{osid:long}", DeleteOsProfile).WithName("applianceOsProfile_delete").WithSummary("Remove the OS profile");
        appliances.MapGet("/{aid:long}/osprofile/{osid:long}/pkgs", GetPackages).WithName("applianceOsProfilePkg_getAll").WithSummary("Extra packages");
        appliances.MapPut("/{aid:long}/osprofile/{osid:long}/pkgs", SetPackages).WithName("applianceOsProfilePkg_update").WithSummary("Set the extra packages");
        appliances.MapGet("/{aid:long}/installProfile", GetInstallProfile).WithName("applianceInstallProfile_get").WithSummary("The install profile");
        appliances.MapPut("/{aid:long}/installProfile", SetInstallProfile).WithName("applianceInstallProfile_update").WithSummary("Change the install profile");
    }

    private static async Task<UForgeDocumentResult> Create(HttpContext context, string uid, ICatalogStore catalog)
    {
        var document = await RequestBodies.ReadAsync<Doc.Appliance>(context.Request).ConfigureAwait(false);
        var name = document.Name ?? throw Invalid("appliance.name", "is required");
        var definition = new ApplianceDefinition
        {
            Name = name,
            Version = document.Version ?? "1.0",
            Description = document.Description,
            InstallProfile = Hostnamed(InstallProfileMapping.Apply(new InstallProfile(), document.InstallProfile), name),
            Os = document.OsProfile is { } profile ? ApplianceMapping.ProfileFrom(profile, []) : new OsProfileSpec(),
        };
        ThrowIfInvalid(definition, document.OsProfile is not null);
        var appliance = await catalog.CreateApplianceAsync(uid, definition, document.OsProfile is not null, context.RequestAborted).ConfigureAwait(false);
        var uri = ApplianceMapping.Uri(uid, appliance.Id);
        return new UForgeDocumentResult(ApplianceMapping.ToDocument(appliance), StatusCodes.Status201Created, "/api/" + uri);
    }

    private static async Task<UForgeDocumentResult> List(HttpContext context, string uid, ICatalogStore catalog)
    {
        var (page, total) = ListQuery.Apply(await catalog.ListAppliancesAsync(uid, context.RequestAborted).ConfigureAwait(false), context.Request, Fields);
        return new UForgeDocumentResult(new Doc.Appliances { Items = [.. page.Select(ApplianceMapping.ToDocument)], Total = total });
    }

    private static async Task<UForgeDocumentResult> Get(HttpContext context, string uid, long aid, ICatalogStore catalog) =>
        await Find(context, uid, aid, catalog).ConfigureAwait(false) is { } appliance
            ? new UForgeDocumentResult(ApplianceMapping.ToDocument(appliance))
            : NotFound(context, aid);

    private static async Task<UForgeDocumentResult> Update(HttpContext context, string uid, long aid, ICatalogStore catalog)
    {
        var document = await RequestBodies.ReadAsync<Doc.Appliance>(context.Request).ConfigureAwait(false);
        if (await Find(context, uid, aid, catalog).ConfigureAwait(false) is not { } appliance)
            return NotFound(context, aid);
        var d = appliance.Definition;
        var changed = d with
        {
            Name = document.Name ?? d.Name,
            Version = document.Version ?? d.Version,
            Description = document.Description ?? d.Description,
            InstallProfile = InstallProfileMapping.Apply(d.InstallProfile, document.InstallProfile),
        };
        var saved = await SaveAsync(context, appliance with { Definition = changed }, catalog).ConfigureAwait(false);
        return new UForgeDocumentResult(ApplianceMapping.ToDocument(saved));
    }

    /// <summary>Its images first, through the same path as deleting each (builds stopped, files removed), then the appliance.</summary>
    private static async Task<IResult> Delete(HttpContext context, string uid, long aid, ICatalogStore catalog, ImageGeneration generation)
    {
        if (await Find(context, uid, aid, catalog).ConfigureAwait(false) is null)
            return NotFound(context, aid);
        foreach (var image in await catalog.ListImagesAsync(uid, aid, context.RequestAborted).ConfigureAwait(false))
            await generation.DeleteAsync(image, context.RequestAborted).ConfigureAwait(false);
        return await catalog.DeleteApplianceAsync(uid, aid, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : NotFound(context, aid);
    }

    private static async Task<UForgeDocumentResult> SetOsProfile(HttpContext context, string uid, long aid, ICatalogStore catalog)
    {
        var document = await RequestBodies.ReadAsync<Doc.LinuxProfile>(context.Request).ConfigureAwait(false);
        if (await Find(context, uid, aid, catalog).ConfigureAwait(false) is not { } appliance)
            return NotFound(context, aid);
        if (appliance.HasOsProfile)
            throw new CatalogConflictException($"Appliance {aid} already has an OS profile; delete it first.");
        var os = ApplianceMapping.ProfileFrom(document, []);
        var saved = await SaveAsync(context, appliance with { Definition = appliance.Definition with { Os = os }, HasOsProfile = true }, catalog)
            .ConfigureAwait(false);
        var profile = ApplianceMapping.ToProfileDocument(saved);
        return new UForgeDocumentResult(profile, StatusCodes.Status201Created, "/api/" + profile.Uri);
    }

    private static async Task<UForgeDocumentResult> GetOsProfile(HttpContext context, string uid, long aid, long osid, ICatalogStore catalog) =>
        await FindProfile(context, uid, aid, osid, catalog).ConfigureAwait(false) is { } appliance
            ? new UForgeDocumentResult(ApplianceMapping.ToProfileDocument(appliance))
            : UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"Appliance {aid} has no OS profile {osid}.");

    private static async Task<IResult> DeleteOsProfile(HttpContext context, string uid, long aid, long osid, ICatalogStore catalog)
    {
        if (await FindProfile(context, uid, aid, osid, catalog).ConfigureAwait(false) is not { } appliance)
            return UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"Appliance {aid} has no OS profile {osid}.");
        await catalog.UpdateApplianceAsync(appliance with { Definition = appliance.Definition with { Os = new OsProfileSpec() }, HasOsProfile = false },
            context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<UForgeDocumentResult> GetPackages(HttpContext context, string uid, long aid, long osid, ICatalogStore catalog) =>
        await FindProfile(context, uid, aid, osid, catalog).ConfigureAwait(false) is { } appliance
            ? new UForgeDocumentResult(PackageList(appliance.Definition.Os.Packages))
            : UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"Appliance {aid} has no OS profile {osid}.");

    private static async Task<UForgeDocumentResult> SetPackages(HttpContext context, string uid, long aid, long osid, ICatalogStore catalog)
    {
        var document = await RequestBodies.ReadAsync<Doc.PkgList>(context.Request).ConfigureAwait(false);
        if (await FindProfile(context, uid, aid, osid, catalog).ConfigureAwait(false) is not { } appliance)
            return UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"Appliance {aid} has no OS profile {osid}.");
        var names = (document.Pkgs ?? []).Select(p => p.Name ?? "").Distinct(StringComparer.Ordinal).ToList();
        var changed = appliance.Definition with { Os = appliance.Definition.Os with { Packages = names } };
        await SaveAsync(context, appliance with { Definition = changed }, catalog).ConfigureAwait(false);
        return new UForgeDocumentResult(PackageList(names));
    }

    private static async Task<UForgeDocumentResult> GetInstallProfile(HttpContext context, string uid, long aid, ICatalogStore catalog) =>
        await Find(context, uid, aid, catalog).ConfigureAwait(false) is { } appliance
            ? new UForgeDocumentResult(InstallProfileMapping.ToDocument(appliance.Definition.InstallProfile, ApplianceMapping.Uri(uid, aid) + "/installProfile"))
            : NotFound(context, aid);

    private static async Task<UForgeDocumentResult> SetInstallProfile(HttpContext context, string uid, long aid, ICatalogStore catalog)
    {
        var document = await RequestBodies.ReadAsync<Doc.InstallProfile>(context.Request).ConfigureAwait(false);
        if (await Find(context, uid, aid, catalog).ConfigureAwait(false) is not { } appliance)
            return NotFound(context, aid);
        var changed = appliance.Definition with { InstallProfile = InstallProfileMapping.Apply(appliance.Definition.InstallProfile, document) };
        await SaveAsync(context, appliance with { Definition = changed }, catalog).ConfigureAwait(false);
        return new UForgeDocumentResult(InstallProfileMapping.ToDocument(changed.InstallProfile, ApplianceMapping.Uri(uid, aid) + "/installProfile"));
    }

    private static Task<Appliance> SaveAsync(HttpContext context, Appliance appliance, ICatalogStore catalog)
    {
        ThrowIfInvalid(appliance.Definition, appliance.HasOsProfile);
        return catalog.UpdateApplianceAsync(appliance, context.RequestAborted);
    }

    /// <summary>The builder's rules, minus those about the OS while the appliance has none yet, and about formats (chosen at generate).</summary>
    private static void ThrowIfInvalid(ApplianceDefinition definition, bool hasOsProfile)
    {
        var errors = ApplianceValidator.Validate(definition, ["qcow2"])
            .Where(e => hasOsProfile || !e.Field.StartsWith("os.", StringComparison.Ordinal))
            .Where(e => hasOsProfile || e.Field != "installProfile.diskSize" || !e.Message.Contains("too small", StringComparison.Ordinal))
            .ToList();
        if (errors.Count > 0)
            throw new ApplianceValidationException(errors);
    }

    private static InstallProfile Hostnamed(InstallProfile profile, string applianceName)
    {
        var host = new string([.. applianceName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return profile with { Hostname = host.Length is > 0 and <= 63 ? host : "localhost" };
    }

    private static Doc.PkgList PackageList(IEnumerable<string> names) => new() { Pkgs = [.. names.Select(n => new Doc.Pkg { Name = n })] };

    private static Task<Appliance?> Find(HttpContext context, string uid, long aid, ICatalogStore catalog) =>
        catalog.GetApplianceAsync(uid, aid, context.RequestAborted);

    private static async Task<Appliance?> FindProfile(HttpContext context, string uid, long aid, long osid, ICatalogStore catalog) =>
        await Find(context, uid, aid, catalog).ConfigureAwait(false) is { HasOsProfile: true } appliance && osid == aid ? appliance : null;

    private static UForgeDocumentResult NotFound(HttpContext context, long aid) =>
        UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No appliance {aid}.");

    private static ApplianceValidationException Invalid(string field, string message) => new([new ValidationError(field, message)]);
}
