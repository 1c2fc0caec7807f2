using Kiln.Catalog;
using Kiln.Cimi;
using Kiln.Server.UForgeApi;

namespace Kiln.Server.CimiApi;

/// <summary>What a machine create resolves to: the image, the hardware and whether it starts; or the error answer.</summary>
internal sealed record ResolvedMachine(Image? Image, MachineHardware? Hardware, bool Start, IResult? Error);

/// <summary>Turns a create body's machineTemplate (a template's href, or a config and an image) into what a machine runs.</summary>
internal static class CimiMachineTemplates
{
    public const string Started = "STARTED";
    public const string Stopped = "STOPPED";

    public static async Task<ResolvedMachine> ResolveAsync(HttpContext context, MachineTemplateRef template, IMachineStore machines, ICatalogStore catalog)
    {
        var owner = context.Caller().Login;
        var configHref = template.MachineConfigHref;
        var imageHref = template.MachineImageHref;
        var initialState = template.InitialState;
        long? configId = null;
        long? imageId = null;
        if (template.Href is { } href)
        {
            if (CimiLinks.IdIn(href, "machine_templates") is not { } templateId
                || await machines.GetTemplateAsync(owner, templateId, context.RequestAborted).ConfigureAwait(false) is not { } stored)
                return Fail(context, StatusCodes.Status400BadRequest, $"machineTemplate '{href}' is not one of your machine templates.");
            configId = stored.ConfigId;
            imageId = stored.ImageId;
            initialState ??= stored.Label.Properties.GetValueOrDefault(InitialStateProperty);
        }
        if (configHref is not null)
        {
            configId = CimiLinks.IdIn(configHref, "machine_configs");
            if (configId is null)
                return Fail(context, StatusCodes.Status400BadRequest, $"machineConfig '{configHref}' is not a machine configuration of this service.");
        }
        if (imageHref is not null)
        {
            imageId = CimiLinks.IdIn(imageHref, "machine_images");
            if (imageId is null)
                return Fail(context, StatusCodes.Status400BadRequest, $"machineImage '{imageHref}' is not a machine image of this service.");
        }

        MachineHardware? hardware = null;
        if (configId is { } id)
        {
            if (await machines.GetConfigAsync(owner, id, context.RequestAborted).ConfigureAwait(false) is not { } config)
                return Fail(context, StatusCodes.Status400BadRequest, $"There is no machine configuration {id}.");
            hardware = config.Hardware;
        }
        else if (template.MachineConfig is { } inline)
        {
            if (Hardware(inline) is not { } given)
                return Fail(context, StatusCodes.Status400BadRequest, "An inline machineConfig needs cpu and memory (in KiB).");
            hardware = given;
        }
        if (hardware is null)
            return Fail(context, StatusCodes.Status400BadRequest,
                "machineTemplate needs a machineConfig (an href from /cimi/machine_configs, or cpu and memory inline) and a machineImage, or the href of a machine template.");
        if (imageId is not { } image)
            return Fail(context, StatusCodes.Status400BadRequest, "machineTemplate needs a machineImage: the href of one of your machine images.");
        if (await CimiEndpoints.FindImageAsync(context, image, catalog).ConfigureAwait(false) is not { } found)
            return Fail(context, StatusCodes.Status400BadRequest, $"There is no machine image {image}.");
        var state = initialState?.Trim().ToUpperInvariant() ?? Started;
        if (state is not (Started or Stopped))
            return Fail(context, StatusCodes.Status400BadRequest, $"initialState is {Started} or {Stopped}, not '{initialState}'.");
        return new ResolvedMachine(found, hardware, state == Started, null);
    }

    /// <summary>Templates keep their initial state among their label's properties (the record has no column for it).</summary>
    public const string InitialStateProperty = "initialState";

    /// <summary>CIMI counts memory and disk capacity in KiB; Kiln in MiB and bytes. A disk of 0 (or none) means the image's own size.</summary>
    public static MachineHardware? Hardware(MachineConfigurationCreate config)
    {
        if (config.Cpu is not { } cpu || config.Memory is not { } memory)
            return null;
        var capacity = config.Disks.Count > 0 ? config.Disks[0].Capacity : 0;
        return new MachineHardware(cpu, (int)Math.Min(int.MaxValue, (memory + 1023) / 1024), capacity * 1024);
    }

    private static ResolvedMachine Fail(HttpContext context, int status, string message) => new(null, null, false, CimiErrors.Result(context, status, message));
}
