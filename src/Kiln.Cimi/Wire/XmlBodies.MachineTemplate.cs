namespace Kiln.Cimi.Wire;

internal static partial class XmlBodies
{
    private static readonly IReadOnlyCollection<string> TemplateOnce = [.. Common.Once, "initialState", "machineConfig", "machineImage"];

    public static MachineTemplateCreate ReadMachineTemplateCreate(byte[] body)
    {
        var root = Root(body, BodyKinds.MachineTemplateCreate);
        var common = new Common();
        string? configHref = null, imageHref = null, initialState = null;
        foreach (var element in Children(root, TemplateOnce))
        {
            if (common.Read(element))
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "initialState":
                    initialState = Text(element);
                    break;
                case "machineConfig":
                    configHref = Ref(element);
                    break;
                case "machineImage":
                    imageHref = Ref(element);
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
