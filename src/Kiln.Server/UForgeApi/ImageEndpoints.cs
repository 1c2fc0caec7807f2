using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Kiln.Server.Hosting;
using Kiln.Server.Images;
using Kiln.Server.UForgeMapping;
using Microsoft.Extensions.Options;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>Machine images of an appliance: generate, read, list, delete, status, cancel, regenerate, installed packages; and the user's views of all their images.</summary>
internal static class ImageEndpoints
{
    private static readonly Dictionary<string, Func<Image, object?>> Fields = new()
    {
        ["dbId"] = i => i.Id,
        ["name"] = i => i.DisplayName,
        ["version"] = i => i.Definition?.Version,
        ["targetFormat"] = i => i.TargetFormat,
        ["format"] = i => i.Format,
        ["compress"] = i => i.Compress ? "true" : "false",
        ["status"] = i => i.Status.State.ToString().ToLowerInvariant(),
        ["created"] = i => i.Stamp.Created,
        ["lastModified"] = i => i.Stamp.LastModified,
        ["fileSize"] = i => i.Artefact?.Size,
    };

    public static void MapImageEndpoints(this RouteGroupBuilder api)
    {
        var images = api.MapGroup("/users/{uid}/appliances/{aid:long}/images");
        images.MapPost("", Generate).RequireEntitlement(Entitlements.ImageGenerate)
            .WithName("machineImage_generate").WithSummary("Generate a machine image of the appliance in a target format");
        images.MapGet("", GetAll).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImage_getAll").WithSummary("The appliance's images");
        images.MapDelete("", DeleteAll).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImage_deleteAll").WithSummary("Delete every image of the appliance");
        images.MapGet("/statuses", Statuses).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImageStatus_getAll").WithSummary("The status of each image of the appliance");
        images.MapGet("/{itid:long}", Get).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImage_get").WithSummary("One image, with a fresh single-use download URI when it is downloadable");
        images.MapPost("/{itid:long}", Regenerate).RequireEntitlement(Entitlements.ImageGenerate)
            .WithName("machineImage_regenerate").WithSummary("Generate a new image from the same request");
        images.MapDelete("/{itid:long}", Delete).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImage_delete").WithSummary("Delete an image and its files (stopping its generation)");
        images.MapGet("/{itid:long}/status", Status).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImageStatus_get").WithSummary("Where the generation is");
        images.MapDelete("/{itid:long}/status", Cancel).RequireEntitlement(Entitlements.ImageGenerate)
            .WithName("machineImageGeneration_cancel").WithSummary("Cancel the generation");
        images.MapGet("/{itid:long}/pkgs", Packages).RequireEntitlement(Entitlements.ApplianceCreate)
            .WithName("machineImagePkg_getAll").WithSummary("The packages installed in the image, from its dpkg status");

        var mine = api.MapGroup("/users/{uid}/images").RequireEntitlement(Entitlements.ImageGenerate);
        // The same handlers without an appliance in the route: every image of the user, imported ones (which have no
        // appliance to be found under) included.
        mine.MapGet("", GetAll).WithName("userImage_getAll").WithSummary("All the user's images");
        mine.MapGet("/status", Statuses).WithName("userImageStatus_getAll").WithSummary("The status of all the user's images");
        mine.MapGet("/{itid:long}", Get).WithName("userImage_get").WithSummary("One image, with a fresh single-use download URI when downloadable");
        mine.MapDelete("/{itid:long}", Delete).WithName("userImage_delete").WithSummary("Delete an image and its file");
        mine.MapGet("/{itid:long}/status", Status).WithName("userImageStatus_get").WithSummary("Where its generation or import is");
        mine.MapDelete("/{itid:long}/status", Cancel).WithName("userImageGeneration_cancel").WithSummary("Cancel its generation or import");
    }

    private static async Task<UForgeDocumentResult> Generate(HttpContext context, string uid, long aid, ICatalogStore catalog, ImageGeneration generation)
    {
        var document = await RequestBodies.ReadAsync<Doc.Image>(context.Request).ConfigureAwait(false);
        if (await catalog.GetApplianceAsync(uid, aid, context.RequestAborted).ConfigureAwait(false) is not { } appliance)
            return NoAppliance(context);
        if (!appliance.HasOsProfile)
            return UForgeErrors.Result(context, StatusCodes.Status400BadRequest,
                $"Appliance {aid} has no OS profile: add one (POST .../appliances/{aid}/osprofile) before generating an image.");
        var target = TargetFormatOf(document);
        var definition = appliance.Definition with
        {
            InstallProfile = InstallProfileMapping.Apply(appliance.Definition.InstallProfile, document.InstallProfile),
        };
        var errors = ApplianceValidator.Validate(definition, [target.BuilderFormat]);
        if (errors.Count > 0)
            throw new ApplianceValidationException(errors);
        var image = await generation.GenerateAsync(
            new NewImage(uid, aid, target.Name, target.BuilderFormat, document.Compress ?? true, definition), context.RequestAborted).ConfigureAwait(false);
        return new UForgeDocumentResult(ImageMapping.ToDocument(image), StatusCodes.Status201Created, "/api/" + ImageMapping.Uri(image));
    }

    /// <summary>hammr sends the targetFormat it found by name; other clients may send only its uri or dbId, or just an image format name.</summary>
    private static TargetFormatEntry TargetFormatOf(Doc.Image document)
    {
        var t = document.TargetFormat;
        var uriId = t?.Uri?.TrimEnd('/').Split('/')[^1];
        var found = (t?.Name is { } name ? TargetFormatCatalog.FindByName(name) : null)
            ?? (t?.DbId is { } id ? TargetFormatCatalog.FindById(id) : null)
            ?? (long.TryParse(uriId, out var fromUri) ? TargetFormatCatalog.FindById(fromUri) : null)
            ?? (t is null && document.Format?.Name is { } format
                ? TargetFormatCatalog.All.FirstOrDefault(e => string.Equals(e.ImageFormat, format, StringComparison.OrdinalIgnoreCase))
                : null);
        if (found is not null)
            return found;
        var asked = t?.Name ?? t?.Uri ?? t?.DbId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? document.Format?.Name;
        throw new ApplianceValidationException([new ValidationError("image.targetFormat", asked is null
            ? "is required: name one of GET /api/users/{uid}/targetformats"
            : $"'{asked}' is not a target format Kiln offers; choose one of: {string.Join(", ", TargetFormatCatalog.All.Select(e => e.Name))}")]);
    }

    private static async Task<UForgeDocumentResult> GetAll(HttpContext context, string uid, ICatalogStore catalog, ImageDocumentCache documents) =>
        await documents.GetListAsync(context, catalog, async () =>
        {
            var (page, total) = await ListAsync(context, uid, catalog).ConfigureAwait(false);
            return page is null ? null : new Doc.Images { Items = [.. page.Select(i => ImageMapping.ToDocument(i))], Total = total };
        }).ConfigureAwait(false) ?? NoAppliance(context);

    private static async Task<UForgeDocumentResult> Statuses(HttpContext context, string uid, ICatalogStore catalog, ImageDocumentCache documents) =>
        await documents.GetListAsync(context, catalog, async () =>
        {
            var (page, total) = await ListAsync(context, uid, catalog).ConfigureAwait(false);
            return page is null ? null : new Doc.OpStatuses { Items = [.. page.Select(ImageMapping.ToStatus)], Total = total };
        }).ConfigureAwait(false) ?? NoAppliance(context);

    private static async Task<IResult> DeleteAll(HttpContext context, string uid, long aid, ICatalogStore catalog, ImageGeneration generation)
    {
        if (await catalog.GetApplianceAsync(uid, aid, context.RequestAborted).ConfigureAwait(false) is null)
            return NoAppliance(context);
        foreach (var image in await catalog.ListImagesAsync(uid, aid, context.RequestAborted).ConfigureAwait(false))
            await generation.DeleteAsync(image, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<UForgeDocumentResult> Get(HttpContext context, string uid, long itid, ICatalogStore catalog, IOptions<KilnOptions> options)
    {
        if (await FindAsync(context, uid, itid, catalog).ConfigureAwait(false) is not { } image)
            return NoImage(context, itid);
        string? downloadId = null;
        if (Downloadable(image) && !NotModified(context, image))
            downloadId = (await catalog.IssueDownloadTicketAsync(image.Id, options.Value.DownloadTicketLifetime, context.RequestAborted)
                .ConfigureAwait(false)).Id;
        return new UForgeDocumentResult(ImageMapping.ToDocument(image, downloadId));
    }

    private static async Task<UForgeDocumentResult> Regenerate(HttpContext context, string uid, long itid, ICatalogStore catalog, ImageGeneration generation)
    {
        if (await FindAsync(context, uid, itid, catalog).ConfigureAwait(false) is not { } image)
            return NoImage(context, itid);
        var again = await generation.RegenerateAsync(image, context.RequestAborted).ConfigureAwait(false);
        return new UForgeDocumentResult(ImageMapping.ToDocument(again), StatusCodes.Status201Created, "/api/" + ImageMapping.Uri(again));
    }

    private static async Task<IResult> Delete(HttpContext context, string uid, long itid, ICatalogStore catalog, ImageGeneration generation) =>
        await FindAsync(context, uid, itid, catalog).ConfigureAwait(false) is { } image
        && await generation.DeleteAsync(image, context.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : NoImage(context, itid);

    /// <summary>Clients poll it: only the status columns are read (not the whole image), and the document is kept.</summary>
    private static async Task<UForgeDocumentResult> Status(HttpContext context, string uid, long itid, ICatalogStore catalog,
        ImageDocumentCache documents) =>
        await catalog.GetImageStatusAsync(uid, itid, context.RequestAborted).ConfigureAwait(false) is { } image
        && (ApplianceOf(context) is not { } aid || image.ApplianceId == aid)
            ? await documents.GetStatusAsync(context, image).ConfigureAwait(false)
            : NoImage(context, itid);

    private static async Task<UForgeDocumentResult> Cancel(HttpContext context, string uid, long itid, ICatalogStore catalog, ImageGeneration generation) =>
        await FindAsync(context, uid, itid, catalog).ConfigureAwait(false) is { } image
            ? new UForgeDocumentResult(ImageMapping.ToStatus(await generation.CancelAsync(image, context.RequestAborted).ConfigureAwait(false)))
            : NoImage(context, itid);

    private static async Task<UForgeDocumentResult> Packages(HttpContext context, string uid, long itid, ICatalogStore catalog)
    {
        if (await FindAsync(context, uid, itid, catalog).ConfigureAwait(false) is not { } image)
            return NoImage(context, itid);
        if (image.Status.State != ImageState.Complete)
            throw new CatalogConflictException($"Image {itid} is not complete yet: its packages are known once it is built.");
        return new UForgeDocumentResult(ImageMapping.ToPackages(image));
    }

    internal static bool Downloadable(Image image) => image is { Compress: true, Artefact: not null, Status.State: ImageState.Complete };

    /// <summary>A conditional GET that will answer 304 needs no ticket: issuing one would only fill the table.</summary>
    private static bool NotModified(HttpContext context, Image image) =>
        context.Request.Headers.IfNoneMatch.Any(v => v == $"\"{ImageMapping.Digest(image)}\"" || v == "*");

    /// <summary>The appliance named by the route (under /appliances/{aid}), or null on the user-level routes.</summary>
    private static long? ApplianceOf(HttpContext context) =>
        context.GetRouteValue("aid") is string aid ? long.Parse(aid, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The user's image; under an appliance's route, only if it belongs to that appliance.</summary>
    private static async Task<Image?> FindAsync(HttpContext context, string uid, long itid, ICatalogStore catalog) =>
        await catalog.GetImageAsync(uid, itid, context.RequestAborted).ConfigureAwait(false) is { } image
        && (ApplianceOf(context) is not { } aid || image.ApplianceId == aid)
            ? image
            : null;

    /// <summary>One page of the user's images (of the route's appliance, if any) and the number of matches; a null page when that appliance does not exist.</summary>
    private static async Task<(IReadOnlyList<Image>? Page, int Total)> ListAsync(HttpContext context, string uid, ICatalogStore catalog)
    {
        var aid = ApplianceOf(context);
        if (aid is { } id && await catalog.GetApplianceAsync(uid, id, context.RequestAborted).ConfigureAwait(false) is null)
            return (null, 0);
        return ListQuery.Apply(await catalog.ListImagesAsync(uid, aid, context.RequestAborted).ConfigureAwait(false), context.Request, Fields);
    }

    private static UForgeDocumentResult NoAppliance(HttpContext context) =>
        UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No appliance {ApplianceOf(context)}.");

    private static UForgeDocumentResult NoImage(HttpContext context, long itid) =>
        UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No image {itid} here.");
}
