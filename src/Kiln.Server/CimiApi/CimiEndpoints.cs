using Kiln.Catalog;
using Kiln.Cimi;
using Kiln.Cimi.Query;
using Kiln.Jobs;
using Kiln.Server.Hosting;
using Kiln.Server.Images;
using Kiln.Server.Machines;
using Kiln.Server.UForgeApi;
using Microsoft.Extensions.Options;

namespace Kiln.Server.CimiApi;

/// <summary>
/// CIMI 1.0.1 at /cimi over the catalog the UForge API serves: the Cloud Entry Point, MachineImages (every image of
/// the caller; every image for a user administrator), the Jobs that make them, and Machines that run them
/// (<see cref="CimiMachineEndpoints"/>, <see cref="CimiMachineConfigEndpoints"/>).
/// </summary>
internal static class CimiEndpoints
{
    public static void MapCimiApi(this WebApplication app)
    {
        var cimi = app.MapGroup("/cimi");
        cimi.MapGet("", (HttpContext context) => Results.Redirect(new CimiLinks(context.Request).CloudEntryPoint, permanent: true))
            .WithName("cimi_root").WithSummary("Redirects to the Cloud Entry Point");
        cimi.MapGet("/cloudEntryPoint", CloudEntryPoint).WithName("cimi_cloudEntryPoint").WithSummary("Where every collection is");

        var secured = cimi.MapGroup("").AddEndpointFilter<CimiAuthenticationFilter>();
        secured.MapGet("/machine_images", ListImages).WithName("cimi_machineImages").WithSummary("The caller's machine images ($filter, $select, $first, $last, $orderby)");
        secured.MapPost("/machine_images", CreateImage).WithName("cimi_machineImage_create").WithSummary("Import an image from an http(s) URL (202 + job)");
        secured.MapGet("/machine_images/{id:long}", GetImage).WithName("cimi_machineImage").WithSummary("One machine image");
        secured.MapPut("/machine_images/{id:long}", EditImage).WithName("cimi_machineImage_edit").WithSummary("Change name, description, properties");
        secured.MapDelete("/machine_images/{id:long}", DeleteImage).WithName("cimi_machineImage_delete").WithSummary("Delete the image and its file");
        secured.MapGet("/jobs", ListJobs).WithName("cimi_jobs").WithSummary("The jobs that build or import the caller's images");
        secured.MapGet("/jobs/{id:guid}", GetJob).WithName("cimi_job").WithSummary("One job");
        secured.MapDelete("/jobs/{id:guid}", CancelJob).WithName("cimi_job_delete").WithSummary("Cancel a running job");
        secured.MapCimiMachines();
        secured.MapCimiMachineConfigs();
    }

    /// <summary>Readable without credentials: it holds only links. Created: when this catalog was (its admin's creation).</summary>
    private static async Task<CimiResult> CloudEntryPoint(HttpContext context, ICatalogStore catalog)
    {
        var admin = await catalog.FindUserAsync(Hosting.AdminBootstrap.AdminLogin, context.RequestAborted).ConfigureAwait(false);
        var links = new CimiLinks(context.Request);
        var query = Query(context, new HashSet<string>(StringComparer.Ordinal) { "id", "name", "description", "created", "baseURI", "machines", "machineTemplates", "machineConfigs", "machineImages", "jobs", "driver", "provider" });
        return new CimiResult(new CloudEntryPoint
        {
            Id = links.CloudEntryPoint,
            Name = "Kiln",
            Description = "Kiln machine image factory: the machine images of its catalog, the jobs that make them, and machines that run them",
            Created = admin?.Stamp.Created,
            BaseUri = links.Base,
            Collections = new Dictionary<string, string>
            {
                [CimiCollections.Machines] = links.Machines,
                [CimiCollections.MachineTemplates] = links.MachineTemplates,
                [CimiCollections.MachineConfigs] = links.MachineConfigs,
                [CimiCollections.MachineImages] = links.MachineImages,
                [CimiCollections.Jobs] = links.Jobs,
            },
            Driver = "kiln",
            Provider = "kiln",
        })
        { Select = query.Select };
    }

    private static async Task<CimiResult> ListImages(HttpContext context, ICatalogStore catalog)
    {
        var links = new CimiLinks(context.Request);
        var query = Query(context, CimiImageMapping.Attributes);
        var images = await VisibleImagesAsync(context, catalog).ConfigureAwait(false);
        var documents = images.Select(i => CimiImageMapping.ToDocument(i, links)).ToList();
        var matching = query.FilterAndOrder(documents, CimiImageMapping.Queryable);
        return new CimiResult(new MachineImageCollection
        {
            Id = links.MachineImages,
            Count = matching.Count,
            Entries = query.Window(matching),
            Operations = [new CimiOperation("add", links.MachineImages)],
        })
        { Select = query.Select };
    }

    private static async Task<IResult> GetImage(HttpContext context, long id, ICatalogStore catalog) =>
        await FindImageAsync(context, id, catalog).ConfigureAwait(false) is { } image
            ? Document(context, image)
            : NoImage(context, id);

    /// <summary>
    /// imageLocation names what the image is made from: a Machine of the caller's is captured (it must be STOPPED: 409
    /// otherwise), an http(s) URL is imported; either way 202 with the image CREATING and its job. Making an image needs
    /// the image_generate entitlement, as it does through the UForge API (403 otherwise).
    /// </summary>
    private static async Task<IResult> CreateImage(HttpContext context, ImageGeneration generation, IMachineStore machines, MachineCapture capture,
        IOptions<KilnOptions> options)
    {
        if (!context.Caller().Has(Entitlements.ImageGenerate))
            return CimiErrors.Result(context, StatusCodes.Status403Forbidden, $"Making a machine image needs the '{Entitlements.ImageGenerate}' entitlement.");
        var links = new CimiLinks(context.Request);
        var body = await ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadMachineImageCreateAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadMachineImageCreateAsync(stream, max, ct)).ConfigureAwait(false);
        if (body.Type is { } type && type != MachineImageType.Image)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"Kiln makes machine images of type IMAGE, not {CimiWireNames.Of(type)}.");
        if (string.IsNullOrWhiteSpace(body.ImageLocation))
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest,
                "imageLocation is required: the http(s) URL of a disk image to import, or a Machine to capture.");
        var location = body.ImageLocation.Trim();
        var label = new ImageLabel(body.Name, body.Description, UserProperties(body.Properties));
        Image image;
        if (location.StartsWith(links.Machines, StringComparison.Ordinal) || location.Contains("/cimi/machines/", StringComparison.Ordinal))
        {
            if (MachineCapture.MachineIdOf(location) is not { } machineId
                || await CimiMachineEndpoints.FindAsync(context, machineId, machines).ConfigureAwait(false) is not { } machine)
                return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"imageLocation '{location}' is not one of your machines.");
            try
            {
                image = await capture.CaptureAsync(machine, links.Machine(machine.Id), label, context.RequestAborted).ConfigureAwait(false);
            }
            catch (MachineConflictException e)
            {
                return CimiErrors.Result(context, StatusCodes.Status409Conflict, e.Message);
            }
        }
        else
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var source))
                return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"imageLocation '{location}' is not an absolute URL.");
            try
            {
                image = await generation.ImportAsync(context.Caller().Login, source, label, context.RequestAborted).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                return CimiErrors.Result(context, StatusCodes.Status400BadRequest, e.Message.Split(" (Parameter", 2)[0]);
            }
        }
        var href = links.MachineImage(image.Id);
        return new CimiResult(CimiImageMapping.ToDocument(image, links), StatusCodes.Status202Accepted)
        {
            Digest = Digest(image),
            Location = href,
            JobUri = image.JobId is { } job ? links.Job(job) : null,
        };
    }

    private static async Task<IResult> EditImage(HttpContext context, long id, ICatalogStore catalog, IOptions<KilnOptions> options)
    {
        var edit = await ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadMachineImageEditAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadMachineImageEditAsync(stream, max, ct)).ConfigureAwait(false);
        if (await FindImageAsync(context, id, catalog).ConfigureAwait(false) is not { } image)
            return NoImage(context, id);
        if (CimiETag.IfMatchFails(context.Request, Digest(image)))
            return Stale(context, id);
        var label = new ImageLabel(edit.Name ?? image.Label.Name, edit.Description ?? image.Label.Description,
            edit.Properties is { } properties ? UserProperties(properties) : image.Label.Properties);
        var saved = await catalog.UpdateImageLabelAsync(image with { Label = label }, context.RequestAborted).ConfigureAwait(false);
        return saved is null ? NoImage(context, id) : Document(context, saved);
    }

    /// <summary>Answers exactly 200 with no body, as CIMI clients expect; a generation or import under way is stopped first.</summary>
    private static async Task<IResult> DeleteImage(HttpContext context, long id, ICatalogStore catalog, ImageGeneration generation)
    {
        if (await FindImageAsync(context, id, catalog).ConfigureAwait(false) is not { } image)
            return NoImage(context, id);
        if (CimiETag.IfMatchFails(context.Request, Digest(image)))
            return Stale(context, id);
        await generation.DeleteAsync(image, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<CimiResult> ListJobs(HttpContext context, ICatalogStore catalog, IJobQueue queue)
    {
        var links = new CimiLinks(context.Request);
        var query = Query(context, CimiJobMapping.Attributes);
        var jobs = new List<Job>();
        foreach (var image in await VisibleImagesAsync(context, catalog).ConfigureAwait(false))
            if (image.JobId is { } jobId && await queue.GetAsync(jobId, context.RequestAborted).ConfigureAwait(false) is { } job)
                jobs.Add(CimiJobMapping.ToDocument(job, image, links));
        var matching = query.FilterAndOrder(jobs, CimiJobMapping.Queryable);
        return new CimiResult(new JobCollection { Id = links.Jobs, Count = matching.Count, Entries = query.Window(matching) }) { Select = query.Select };
    }

    private static async Task<IResult> GetJob(HttpContext context, Guid id, ICatalogStore catalog, IJobQueue queue)
    {
        if (await FindJobAsync(context, id, catalog, queue).ConfigureAwait(false) is not var (job, image))
            return CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No job {id}.");
        var links = new CimiLinks(context.Request);
        var query = Query(context, CimiJobMapping.Attributes);
        return new CimiResult(CimiJobMapping.ToDocument(job, image, links)) { Select = query.Select };
    }

    /// <summary>Deleting a running job cancels it (and so its image); a finished job cannot be undone: 409.</summary>
    private static async Task<IResult> CancelJob(HttpContext context, Guid id, ICatalogStore catalog, IJobQueue queue, ImageGeneration generation)
    {
        if (await FindJobAsync(context, id, catalog, queue).ConfigureAwait(false) is not var (job, image))
            return CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No job {id}.");
        if (CimiJobMapping.StateOf(job, image) != Cimi.JobState.Running)
            return CimiErrors.Result(context, StatusCodes.Status409Conflict, $"Job {id} has ended: there is nothing to cancel.");
        await generation.CancelAsync(image, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static CimiResult Document(HttpContext context, Image image)
    {
        var query = Query(context, CimiImageMapping.Attributes);
        return new CimiResult(CimiImageMapping.ToDocument(image, new CimiLinks(context.Request))) { Digest = Digest(image), Select = query.Select };
    }

    private static string Digest(Image image) => image.Stamp.Digest("image", image.Id);

    internal static CimiQuery Query(HttpContext context, IReadOnlySet<string> attributes)
    {
        var query = CimiQuery.Parse(context.Request.Query);
        query.Validate(attributes);
        return query;
    }

    /// <summary>The caller's images; a user administrator sees everyone's.</summary>
    private static async Task<IReadOnlyList<Image>> VisibleImagesAsync(HttpContext context, ICatalogStore catalog)
    {
        var caller = context.Caller();
        if (!caller.Has(Entitlements.UserAdministrate))
            return await catalog.ListImagesAsync(caller.Login, null, context.RequestAborted).ConfigureAwait(false);
        var all = new List<Image>();
        foreach (var user in await catalog.ListUsersAsync(context.RequestAborted).ConfigureAwait(false))
            all.AddRange(await catalog.ListImagesAsync(user.Login, null, context.RequestAborted).ConfigureAwait(false));
        return [.. all.OrderBy(i => i.Id)];
    }

    internal static async Task<Image?> FindImageAsync(HttpContext context, long id, ICatalogStore catalog)
    {
        var caller = context.Caller();
        var image = await catalog.GetImageByIdAsync(id, context.RequestAborted).ConfigureAwait(false);
        return image is not null && (image.Owner == caller.Login || caller.Has(Entitlements.UserAdministrate)) ? image : null;
    }

    private static async Task<(JobInfo Job, Image Image)?> FindJobAsync(HttpContext context, Guid id, ICatalogStore catalog, IJobQueue queue)
    {
        if (await queue.GetAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } job
            || job.Type is not (ImageBuildJob.Type or ImageImportJob.Type or MachineCapture.JobType)
            || !long.TryParse(job.Payload, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var imageId))
            return null;
        return await FindImageAsync(context, imageId, catalog).ConfigureAwait(false) is { } image && image.JobId == id ? (job, image) : null;
    }

    /// <summary>The properties a user gave, without those Kiln sets (<paramref name="reserved"/>; the image's by default).</summary>
    internal static Dictionary<string, string> UserProperties(IEnumerable<KeyValuePair<string, string>> properties, IReadOnlySet<string>? reserved = null)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
            if (!(reserved ?? CimiImageMapping.KilnProperties).Contains(key))
                kept[key] = value;
        return kept;
    }

    internal static async Task<T> ReadAsync<T>(HttpContext context, IOptions<KilnOptions> options,
        Func<Stream, long, CancellationToken, Task<T>> xml, Func<Stream, long, CancellationToken, Task<T>> json)
    {
        var format = CimiRepresentation.OfBody(context.Request);
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        try
        {
            return format == CimiFormat.Json
                ? await json(context.Request.Body, limit, context.RequestAborted).ConfigureAwait(false)
                : await xml(context.Request.Body, limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (CimiFormatException e) when (e.IsTooLarge)
        {
            throw new BadHttpRequestException(e.Message, StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static IResult NoImage(HttpContext context, long id) =>
        CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No machine image {id}.");

    private static IResult Stale(HttpContext context, long id) =>
        CimiErrors.Result(context, StatusCodes.Status412PreconditionFailed, $"Machine image {id} has changed since that ETag: read it again.");
}
