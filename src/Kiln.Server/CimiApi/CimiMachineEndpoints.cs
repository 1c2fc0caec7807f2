using Kiln.Catalog;
using Kiln.Cimi;
using Kiln.Server.UForgeApi;
using Kiln.Server.Hosting;
using Kiln.Server.Machines;
using Microsoft.Extensions.Options;
using CatalogMachine = Kiln.Catalog.Machine;

namespace Kiln.Server.CimiApi;

/// <summary>
/// /cimi/machines: the caller's machines (everyone's for a user administrator). Create answers 201 with the machine
/// CREATING; start, stop and restart are Actions POSTed to the machine (202, the machine STARTING or STOPPING); capture
/// is a MachineImage create naming the machine (<see cref="CimiEndpoints"/>), or the capture Action (202 + job);
/// delete stops QEMU and removes the machine's files before it answers 200.
/// </summary>
internal static class CimiMachineEndpoints
{
    public static void MapCimiMachines(this RouteGroupBuilder secured)
    {
        secured.MapGet("/machines", List).WithName("cimi_machines").WithSummary("The caller's machines ($filter, $select, $first, $last, $orderby)");
        secured.MapPost("/machines", Create).WithName("cimi_machine_create").WithSummary("Run a machine from a template, or from a config and an image");
        secured.MapGet("/machines/{id:long}", Get).WithName("cimi_machine").WithSummary("One machine");
        secured.MapPut("/machines/{id:long}", Edit).WithName("cimi_machine_edit").WithSummary("Change name, description, properties");
        secured.MapPost("/machines/{id:long}", Act).WithName("cimi_machine_action").WithSummary("start, stop, restart or capture (an Action body)");
        secured.MapDelete("/machines/{id:long}", Delete).WithName("cimi_machine_delete").WithSummary("Stop the machine and remove it with its disk");
        secured.MapGet("/machines/{id:long}/disks", Disks).WithName("cimi_machine_disks").WithSummary("The machine's disk");
        secured.MapGet("/machines/{id:long}/console", Console).WithName("cimi_machine_console").WithSummary("What the machine wrote to its serial console (text, the last MiB)");
    }

    private static async Task<CimiResult> List(HttpContext context, IMachineStore machines)
    {
        var links = new CimiLinks(context.Request);
        var query = CimiEndpoints.Query(context, CimiMachineMapping.Attributes);
        var caller = context.Caller();
        var visible = caller.Has(Entitlements.UserAdministrate)
            ? await machines.ListAllMachinesAsync(context.RequestAborted).ConfigureAwait(false)
            : await machines.ListMachinesAsync(caller.Login, context.RequestAborted).ConfigureAwait(false);
        var matching = query.FilterAndOrder(visible.Select(m => CimiMachineMapping.ToDocument(m, links)).ToList(), CimiMachineMapping.Queryable);
        return new CimiResult(new MachineCollection
        {
            Id = links.Machines,
            Count = matching.Count,
            Entries = query.Window(matching),
            Operations = [new CimiOperation("add", links.Machines)],
        })
        { Select = query.Select };
    }

    private static async Task<IResult> Get(HttpContext context, long id, IMachineStore machines) =>
        await FindAsync(context, id, machines).ConfigureAwait(false) is { } machine ? Document(context, machine) : NotFound(context, id);

    /// <summary>
    /// The body's machineTemplate names a template (href), or a machineConfig (href, or cpu/memory/disk given inline)
    /// and a machineImage (href); initialState STARTED (the default) or STOPPED.
    /// </summary>
    private static async Task<IResult> Create(HttpContext context, IMachineStore machines, ICatalogStore catalog, MachineSupervisor supervisor,
        IOptions<KilnOptions> options)
    {
        var caller = context.Caller();
        if (!caller.Has(Entitlements.ImageGenerate))
            return CimiErrors.Result(context, StatusCodes.Status403Forbidden, $"Running a machine needs the '{Entitlements.ImageGenerate}' entitlement.");
        var body = await CimiEndpoints.ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadMachineCreateAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadMachineCreateAsync(stream, max, ct)).ConfigureAwait(false);
        var links = new CimiLinks(context.Request);
        var resolved = await CimiMachineTemplates.ResolveAsync(context, body.Template, machines, catalog).ConfigureAwait(false);
        if (resolved.Error is { } error)
            return error;
        var label = new ImageLabel(body.Name, body.Description, CimiEndpoints.UserProperties(body.Properties, CimiMachineMapping.KilnProperties));
        try
        {
            var machine = await supervisor.CreateAsync(resolved.Image!.Owner, label, resolved.Image, resolved.Hardware!, resolved.Start, context.RequestAborted)
                .ConfigureAwait(false);
            return new CimiResult(CimiMachineMapping.ToDocument(machine, links), StatusCodes.Status201Created)
            {
                Digest = Digest(machine),
                Location = links.Machine(machine.Id),
            };
        }
        catch (ArgumentException e)
        {
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (MachineConflictException e)
        {
            return CimiErrors.Result(context, StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static async Task<IResult> Edit(HttpContext context, long id, IMachineStore machines, IOptions<KilnOptions> options)
    {
        var edit = await CimiEndpoints.ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadMachineEditAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadMachineEditAsync(stream, max, ct)).ConfigureAwait(false);
        if (await FindAsync(context, id, machines).ConfigureAwait(false) is not { } machine)
            return NotFound(context, id);
        if (CimiETag.IfMatchFails(context.Request, Digest(machine)))
            return Stale(context, id);
        var label = new ImageLabel(edit.Name ?? machine.Label.Name, edit.Description ?? machine.Label.Description,
            edit.Properties is { } properties ? CimiEndpoints.UserProperties(properties, CimiMachineMapping.KilnProperties) : machine.Label.Properties);
        try
        {
            var saved = await machines.UpdateMachineLabelAsync(machine with { Label = label }, context.RequestAborted).ConfigureAwait(false);
            return saved is null ? NotFound(context, id) : Document(context, saved);
        }
        catch (CatalogConflictException)
        {
            return Stale(context, id);
        }
    }

    /// <summary>An Action: start, stop and restart (202 with the machine on its way; force=true kills instead of pressing the power button), capture (202 with the new image).</summary>
    private static async Task<IResult> Act(HttpContext context, long id, IMachineStore machines, MachineSupervisor supervisor, MachineCapture capture,
        IOptions<KilnOptions> options)
    {
        var body = await CimiEndpoints.ReadAsync(context, options, (stream, max, ct) => CimiXml.ReadActionAsync(stream, max, ct),
            (stream, max, ct) => CimiJson.ReadActionAsync(stream, max, ct)).ConfigureAwait(false);
        if (MachineActions.Parse(body.Action) is not { } action)
            return CimiErrors.Result(context, StatusCodes.Status400BadRequest,
                $"Unknown action '{body.Action}': a machine takes {string.Join(", ", MachineActions.All)}.");
        if (await FindAsync(context, id, machines).ConfigureAwait(false) is not { } machine)
            return NotFound(context, id);
        if (!context.Caller().Has(Entitlements.ImageGenerate))
            return CimiErrors.Result(context, StatusCodes.Status403Forbidden, $"Operating a machine needs the '{Entitlements.ImageGenerate}' entitlement.");
        var links = new CimiLinks(context.Request);
        var force = body.Force ?? false;
        try
        {
            if (action == MachineActions.Capture)
            {
                var label = new ImageLabel($"{machine.DisplayName}-capture", $"captured from machine {machine.Id}", new Dictionary<string, string>());
                var image = await capture.CaptureAsync(machine, links.Machine(machine.Id), label, context.RequestAborted).ConfigureAwait(false);
                return new CimiResult(CimiImageMapping.ToDocument(image, links), StatusCodes.Status202Accepted)
                {
                    Location = links.MachineImage(image.Id),
                    JobUri = image.JobId is { } job ? links.Job(job) : null,
                };
            }
            var moved = action switch
            {
                MachineActions.Start => await supervisor.StartAsync(machine, context.RequestAborted).ConfigureAwait(false),
                MachineActions.Stop => await supervisor.StopAsync(machine, force, context.RequestAborted).ConfigureAwait(false),
                _ => await supervisor.RestartAsync(machine, force, context.RequestAborted).ConfigureAwait(false),
            };
            return new CimiResult(CimiMachineMapping.ToDocument(moved, links), StatusCodes.Status202Accepted) { Digest = Digest(moved) };
        }
        catch (MachineConflictException e)
        {
            return CimiErrors.Result(context, StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static async Task<IResult> Delete(HttpContext context, long id, IMachineStore machines, MachineSupervisor supervisor)
    {
        if (await FindAsync(context, id, machines).ConfigureAwait(false) is not { } machine)
            return NotFound(context, id);
        if (CimiETag.IfMatchFails(context.Request, Digest(machine)))
            return Stale(context, id);
        try
        {
            await supervisor.DeleteAsync(machine, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        }
        catch (MachineConflictException e)
        {
            return CimiErrors.Result(context, StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static async Task<IResult> Disks(HttpContext context, long id, IMachineStore machines)
    {
        if (await FindAsync(context, id, machines).ConfigureAwait(false) is not { } machine)
            return NotFound(context, id);
        var links = new CimiLinks(context.Request);
        var disk = new Disk { Capacity = (machine.Hardware.DiskBytes + 1023) / 1024, InitialLocation = "vda" };
        return new CimiResult(new DiskCollection { Id = links.MachineDisks(id), Count = 1, Entries = [disk] });
    }

    /// <summary>The serial console as the guest wrote it, every start included: not a CIMI resource, but what a user watching a boot needs.</summary>
    private static async Task<IResult> Console(HttpContext context, long id, IMachineStore machines, MachineSupervisor supervisor)
    {
        const int Window = 1024 * 1024;
        if (await FindAsync(context, id, machines).ConfigureAwait(false) is null)
            return NotFound(context, id);
        var path = supervisor.FilesOf(id).Console;
        byte[] text = [];
        if (File.Exists(path))
        {
            await using var log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, log.Length - Window);
            log.Seek(start, SeekOrigin.Begin);
            text = new byte[log.Length - start];
            await log.ReadExactlyAsync(text, context.RequestAborted).ConfigureAwait(false);
        }
        return Results.Bytes(text, "text/plain; charset=utf-8");
    }

    internal static async Task<CatalogMachine?> FindAsync(HttpContext context, long id, IMachineStore machines)
    {
        var caller = context.Caller();
        var machine = await machines.GetMachineByIdAsync(id, context.RequestAborted).ConfigureAwait(false);
        return machine is not null && (machine.Owner == caller.Login || caller.Has(Entitlements.UserAdministrate)) ? machine : null;
    }

    private static CimiResult Document(HttpContext context, CatalogMachine machine)
    {
        var query = CimiEndpoints.Query(context, CimiMachineMapping.Attributes);
        return new CimiResult(CimiMachineMapping.ToDocument(machine, new CimiLinks(context.Request))) { Digest = Digest(machine), Select = query.Select };
    }

    private static string Digest(CatalogMachine machine) => machine.Stamp.Digest("machine", machine.Id);

    private static IResult NotFound(HttpContext context, long id) =>
        CimiErrors.Result(context, StatusCodes.Status404NotFound, $"No machine {id}.");

    private static IResult Stale(HttpContext context, long id) =>
        CimiErrors.Result(context, StatusCodes.Status412PreconditionFailed, $"Machine {id} has changed since that ETag: read it again.");
}
