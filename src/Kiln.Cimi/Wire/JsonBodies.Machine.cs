using System.Text.Json;

namespace Kiln.Cimi.Wire;

internal static partial class JsonBodies
{
    private static readonly IReadOnlyCollection<string> MachineCreateOnce = [.. Common.Once, "machineTemplate"];

    public static MachineCreate ReadMachineCreate(byte[] body)
    {
        using var json = Parse(body, BodyKinds.MachineCreate);
        var (machine, path) = Root(json, BodyKinds.MachineCreate);
        var common = new Common();
        MachineTemplateRef? template = null;
        foreach (var (member, at) in Members(machine, path, MachineCreateOnce))
        {
            if (!common.Read(member, at) && member.Name == "machineTemplate")
            {
                template = Template(member.Value, at);
            }
        }

        return new MachineCreate
        {
            Name = common.Name,
            Description = common.Description,
            Properties = common.Properties ?? [],
            Template = template ?? throw Fail(
                JsonPath.Member(path, "machineTemplate"),
                "is missing: give {\"href\": \"...\"}, or {\"machineConfig\": ..., \"machineImage\": ...}"),
        };
    }

    /// <summary>A reference to a template (an object with an href, or a plain string), or a template given in place.</summary>
    private static MachineTemplateRef? Template(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return String(value, path) is { Length: > 0 } plain
                    ? new MachineTemplateRef { Href = plain }
                    : throw Fail(path, "is empty: give the href of a MachineTemplate");
            case JsonValueKind.Object:
                break;
            default:
                throw Fail(path, $"must be an object or a string, not {Describe(value)}");
        }

        string? href = null, configHref = null, imageHref = null, initialState = null;
        MachineConfigurationCreate? config = null;
        foreach (var (member, at) in Members(value, path, TemplateOnce))
        {
            switch (member.Name)
            {
                case "href":
                    href = String(member.Value, at);
                    break;
                case "initialState":
                    initialState = String(member.Value, at);
                    break;
                case "machineConfig":
                    (configHref, config) = MachineConfig(member.Value, at);
                    break;
                case "machineImage":
                    imageHref = Ref(member.Value, at);
                    break;
                default:
                    break;
            }
        }

        (href, configHref, imageHref) = (NullIfEmpty(href), NullIfEmpty(configHref), NullIfEmpty(imageHref));
        if (href is null && configHref is null && config is null && imageHref is null)
        {
            throw Fail(path, "needs an href, or a machineConfig and a machineImage");
        }

        return new MachineTemplateRef
        {
            Href = href,
            MachineConfigHref = configHref,
            MachineConfig = config,
            MachineImageHref = imageHref,
            InitialState = initialState,
        };
    }

    // A reference, or the configuration in place (CIMI's machineConfig may carry both at once).
    private static (string? Href, MachineConfigurationCreate? Inline) MachineConfig(JsonElement value, string at)
    {
        if (!HasConfiguration(value))
        {
            return value.ValueKind == JsonValueKind.Object && !value.TryGetProperty("href", out _)
                ? throw Fail(at, "needs an href, or the configuration's cpu, memory and disks")
                : (Ref(value, at), null);
        }

        var href = value.TryGetProperty("href", out var given) ? String(given, JsonPath.Member(at, "href")) : null;
        return (href, Configuration(value, at));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
