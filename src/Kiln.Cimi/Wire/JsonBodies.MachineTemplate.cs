namespace Kiln.Cimi.Wire;

internal static partial class JsonBodies
{
    private static readonly IReadOnlyCollection<string> TemplateOnce = [.. Common.Once, "href", "initialState", "machineConfig", "machineImage"];

    public static MachineTemplateCreate ReadMachineTemplateCreate(byte[] body)
    {
        using var json = Parse(body, BodyKinds.MachineTemplateCreate);
        var (template, path) = Root(json, BodyKinds.MachineTemplateCreate);
        var common = new Common();
        string? configHref = null, imageHref = null, initialState = null;
        foreach (var (member, at) in Members(template, path, TemplateOnce))
        {
            if (common.Read(member, at))
            {
                continue;
            }

            switch (member.Name)
            {
                case "initialState":
                    initialState = String(member.Value, at);
                    break;
                case "machineConfig":
                    configHref = Ref(member.Value, at);
                    break;
                case "machineImage":
                    imageHref = Ref(member.Value, at);
                    break;
                default:
                    break;
            }
        }

        return new MachineTemplateCreate
        {
            Name = common.Name,
            Description = common.Description,
            Properties = common.Properties ?? [],
            MachineConfigHref = configHref,
            MachineImageHref = imageHref,
            InitialState = initialState,
        };
    }
}
