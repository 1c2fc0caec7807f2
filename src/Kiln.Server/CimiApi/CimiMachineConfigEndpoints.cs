using Kiln.Catalog;
using Kiln.Cimi;
using Kiln.Server.UForgeApi;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.CimiApi;

/// <summary>
/// /cimi/machine_configs and /cimi/machine_templates. Kiln's shared configurations (small, medium, large) are every
/// user's to use and nobody's to delete; a user's own configurations and templates are theirs alone.
/// </summary>
internal static class CimiMachineConfigEndpoints
{
    private static readonly IReadOnlySet<string> ConfigAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "description", "created", "updated", "properties", "cpu", "memory", "disks", "cpuArch", "operations",
    };

    private static readonly IReadOnlySet<string> TemplateAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "description", "created", "updated", "properties", "initialState", "machineConfig", "machineImage", "operations",
    };

    private static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "shared", CimiMachineTemplates.InitialStateProperty };

    public static void MapCimiMachineConfigs(this RouteGroupBuilder secured)
    {
        secured.MapGet("/machine_configs", ListConfigs).WithName("cimi_machineConfigs").WithSummary("Kiln's shared machine configurations and the caller's");
        secured.MapPost("/machine_configs", CreateConfig).WithName("cimi_machineConfig_create").WithSummary("A new machine configuration (cpu, memory in KiB, one disk)");
        secured.MapGet("/machine_configs/{id:long}", GetConfig).WithName("cimi_machineConfig").WithSummary("One machine configuration");
        secured.MapDelete("/machine_configs/{id:long}", DeleteConfig).WithName("cimi_machineConfig_delete").WithSummary("Delete one of the caller's configurations");
        secured.MapGet("/machine_templates", ListTemplates).WithName("cimi_machineTemplates").WithSummary("The caller's machine templates");
        secured.MapPost("/machine_templates", CreateTemplate).WithName("cimi_machineTemplate_create").WithSummary("A configuration and an image to run machines from");
        secured.MapGet("/machine_templates/{id:long}", GetTemplate).WithName("cimi_machineTemplate").WithSummary("One machine template");
        secured.MapDelete("/machine_templates/{id:long}", DeleteTemplate).WithName("cimi_machineTemplate_delete").WithSummary("Delete a machine template");
    }

    private static async Task<CimiResult> ListConfigs(HttpContext context, IMachineStore machines)
    {
        var links = new CimiLinks(context.Request);
        var query = CimiEndpoints.Query(context, ConfigAttributes);
        var configs = await machines.ListConfigsAsync(context.Caller().Login, context.RequestAborted).ConfigureAwait(false);
        var matching = query.FilterAndOrder(configs.Select(c => ToDocument(c, links)).ToList(), ConfigQueryable);
        return new CimiResult(new MachineConfigurationCollection
        {
            Id = links.MachineConfigs,
            Count = matching.Count,
            Entries = query.Window(matching),
            Operations = [new CimiOperation("add", links.MachineConfigs)],
        })
        { Select = query.Select };
    }

    private static async Task<IResult> GetConfig(HttpContext context, long id, IMachineStore machines) =>
        await machines.GetConfigAsync(context.Caller().Login, id, context.RequestAborted).ConfigureAwait(false) is { } config
            ? new CimiResult(ToDocument(config, new CimiLinks(context.Request))) { Digest = config.Stamp.Digest("machine-config", config.Id) }
            : CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No machine configuration {id}.");

    private static async Task<IResult> CreateConfig(HttpContext context, IMachineStore machines, IOptions<KilnOptions> options)
    {
        var body = await CimiEndpoints.ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadMachineConfigurationCreateAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadMachineConfigurationCreateAsync(stream, max, ct)).ConfigureAwait(false);
        var settings = options.Value;
        if (CimiMachineTemplates.Hardware(body) is not { } hardware)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, "A machine configuration needs cpu and memory (in KiB).");
        if (body.Disks.Count > 1)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"Kiln's machines have one disk, not {body.Disks.Count}.");
        if (body.CpuArch is { } arch && arch != "x86_64")
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"Kiln's machines are x86_64, not {arch}.");
        if (hardware.Cpu < 1 || hardware.Cpu > settings.MaxMachineCpu)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"cpu is 1 to {settings.MaxMachineCpu}, not {hardware.Cpu}.");
        if (hardware.MemoryMiB < 64 || hardware.MemoryMiB > settings.MaxMachineMemoryMiB)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest,
                $"memory is 65536 to {settings.MaxMachineMemoryMiB * 1024L} KiB (64 MiB to {settings.MaxMachineMemoryMiB} MiB), not {body.Memory}.");
        if (hardware.DiskBytes < 0 || hardware.DiskBytes > settings.MaxMachineDiskBytes)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"A disk's capacity is at most {settings.MaxMachineDiskBytes / 1024} KiB.");
        var label = new ImageLabel(body.Name, body.Description, CimiEndpoints.UserProperties(body.Properties, Reserved));
        var config = await machines.CreateConfigAsync(new NewMachineConfig(context.Caller().Login, label, hardware), context.RequestAborted).ConfigureAwait(false);
        var links = new CimiLinks(context.Request);
        return new CimiResult(ToDocument(config, links), StatusCodes.Status201Created)
        {
            Digest = config.Stamp.Digest("machine-config", config.Id),
            Location = links.MachineConfig(config.Id),
        };
    }

    private static async Task<IResult> DeleteConfig(HttpContext context, long id, IMachineStore machines)
    {
        var login = context.Caller().Login;
        if (await machines.GetConfigAsync(login, id, context.RequestAborted).ConfigureAwait(false) is not { } config)
            return CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No machine configuration {id}.");
        if (config.Owner is null)
            return CimiErrors.Result(context, StatusCodes.Status403Forbidden, $"Machine configuration {id} is one of Kiln's shared configurations: it cannot be deleted.");
        await machines.DeleteConfigAsync(login, id, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<CimiResult> ListTemplates(HttpContext context, IMachineStore machines)
    {
        var links = new CimiLinks(context.Request);
        var query = CimiEndpoints.Query(context, TemplateAttributes);
        var templates = await machines.ListTemplatesAsync(context.Caller().Login, context.RequestAborted).ConfigureAwait(false);
        var matching = query.FilterAndOrder(templates.Select(t => ToDocument(t, links)).ToList(), TemplateQueryable);
        return new CimiResult(new MachineTemplateCollection
        {
            Id = links.MachineTemplates,
            Count = matching.Count,
            Entries = query.Window(matching),
            Operations = [new CimiOperation("add", links.MachineTemplates)],
        })
        { Select = query.Select };
    }

    private static async Task<IResult> GetTemplate(HttpContext context, long id, IMachineStore machines) =>
        await machines.GetTemplateAsync(context.Caller().Login, id, context.RequestAborted).ConfigureAwait(false) is { } template
            ? new CimiResult(ToDocument(template, new CimiLinks(context.Request))) { Digest = template.Stamp.Digest("machine-template", template.Id) }
            : CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No machine template {id}.");

    /// <summary>Needs a machineConfig href (shared or the caller's) and a machineImage href (one of the caller's images).</summary>
    private static async Task<IResult> CreateTemplate(HttpContext context, IMachineStore machines, ICatalogStore catalog, IOptions<KilnOptions> options)
    {
        var body = await CimiEndpoints.ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadMachineTemplateCreateAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadMachineTemplateCreateAsync(stream, max, ct)).ConfigureAwait(false);
        var login = context.Caller().Login;
        if (CimiLinks.IdIn(body.MachineConfigHref, "machine_configs") is not { } configId
            || await machines.GetConfigAsync(login, configId, context.RequestAborted).ConfigureAwait(false) is null)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"machineConfig '{body.MachineConfigHref}' is not a machine configuration you can use.");
        if (CimiLinks.IdIn(body.MachineImageHref, "machine_images") is not { } imageId
            || await CimiEndpoints.FindImageAsync(context, imageId, catalog).ConfigureAwait(false) is not { } image || image.Owner != login)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"machineImage '{body.MachineImageHref}' is not one of your machine images.");
        var properties = CimiEndpoints.UserProperties(body.Properties, Reserved);
        if (body.InitialState is { } initial)
        {
            var state = initial.Trim().ToUpperInvariant();
            if (state is not (CimiMachineTemplates.Started or CimiMachineTemplates.Stopped))
                return CimiErrors.Result(context, StatusCodes.Status400BadRequest, $"initialState is STARTED or STOPPED, not '{initial}'.");
            properties[CimiMachineTemplates.InitialStateProperty] = state;
        }
        var template = await machines.CreateTemplateAsync(new NewMachineTemplate(login, new ImageLabel(body.Name, body.Description, properties), configId, imageId),
            context.RequestAborted).ConfigureAwait(false);
        var links = new CimiLinks(context.Request);
        return new CimiResult(ToDocument(template, links), StatusCodes.Status201Created)
        {
            Digest = template.Stamp.Digest("machine-template", template.Id),
            Location = links.MachineTemplate(template.Id),
        };
    }

    private static async Task<IResult> DeleteTemplate(HttpContext context, long id, IMachineStore machines) =>
        await machines.DeleteTemplateAsync(context.Caller().Login, id, context.RequestAborted).ConfigureAwait(false)
            ? Results.Ok()
            : CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No machine template {id}.");

    private static MachineConfiguration ToDocument(MachineConfig config, CimiLinks links)
    {
        var id = links.MachineConfig(config.Id);
        var properties = config.Label.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        properties.Add(new("shared", config.Owner is null ? "true" : "false"));
        return new MachineConfiguration
        {
            Id = id,
            Name = config.Label.Name ?? $"config-{config.Id}",
            Description = config.Label.Description,
            Created = config.Stamp.Created,
            Updated = config.Stamp.LastModified,
            Properties = properties,
            Cpu = config.Hardware.Cpu,
            Memory = config.Hardware.MemoryMiB * 1024L,
            Disks = config.Hardware.DiskBytes > 0 ? [new MachineConfigurationDisk(config.Hardware.DiskBytes / 1024, "qcow2")] : [],
            CpuArch = "x86_64",
            Operations = config.Owner is null ? [] : [new CimiOperation("delete", id)],
        };
    }

    private static Cimi.MachineTemplate ToDocument(Catalog.MachineTemplate template, CimiLinks links)
    {
        var id = links.MachineTemplate(template.Id);
        return new Cimi.MachineTemplate
        {
            Id = id,
            Name = template.Label.Name ?? $"template-{template.Id}",
            Description = template.Label.Description,
            Created = template.Stamp.Created,
            Updated = template.Stamp.LastModified,
            Properties = template.Label.Properties.Where(p => p.Key != CimiMachineTemplates.InitialStateProperty).OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            InitialState = template.Label.Properties.GetValueOrDefault(CimiMachineTemplates.InitialStateProperty) ?? CimiMachineTemplates.Started,
            MachineConfig = links.MachineConfig(template.ConfigId),
            MachineImage = links.MachineImage(template.ImageId),
            Operations = [new CimiOperation("delete", id)],
        };
    }

    private static Cimi.Query.CimiQueryable ConfigQueryable(MachineConfiguration config) => new Cimi.Query.CimiQueryable(
        name => name switch
        {
            "id" => CimiValues.Of(config.Id),
            "name" => CimiValues.Of(config.Name),
            "description" => CimiValues.Of(config.Description),
            "created" => CimiValues.Of(config.Created),
            "cpu" => CimiValues.Of((long?)config.Cpu),
            "memory" => CimiValues.Of(config.Memory),
            _ => null,
        },
        key => config.Properties.FirstOrDefault(p => p.Key == key).Value);

    private static Cimi.Query.CimiQueryable TemplateQueryable(Cimi.MachineTemplate template) => new Cimi.Query.CimiQueryable(
        name => name switch
        {
            "id" => CimiValues.Of(template.Id),
            "name" => CimiValues.Of(template.Name),
            "description" => CimiValues.Of(template.Description),
            "created" => CimiValues.Of(template.Created),
            "machineConfig" => CimiValues.Of(template.MachineConfig),
            "machineImage" => CimiValues.Of(template.MachineImage),
            _ => null,
        },
        key => template.Properties.FirstOrDefault(p => p.Key == key).Value);
}
