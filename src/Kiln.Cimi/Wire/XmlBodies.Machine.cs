using System.Xml.Linq;

namespace Kiln.Cimi.Wire;

internal static partial class XmlBodies
{
    private static readonly IReadOnlyCollection<string> MachineCreateOnce = [.. Common.Once, "machineTemplate"];

    public static MachineCreate ReadMachineCreate(byte[] body)
    {
        var root = Root(body, BodyKinds.MachineCreate);
        var common = new Common();
        MachineTemplateRef? template = null;
        foreach (var element in Children(root, MachineCreateOnce))
        {
            if (!common.Read(element) && element.Name.LocalName == "machineTemplate")
            {
                template = Template(element);
            }
        }

        return new MachineCreate
        {
            Name = common.Name,
            Description = common.Description,
            Properties = common.Properties ?? [],
            Template = template ?? throw Fail(
                root,
                $"<{root.Name.LocalName}> has no <machineTemplate>: give <machineTemplate href=\"...\"/>, or one with <machineConfig> and <machineImage>"),
        };
    }

    /// <summary>A reference to a template, or a template given in place with its configuration and image.</summary>
    private static MachineTemplateRef Template(XElement template)
    {
        string? configHref = null, imageHref = null, initialState = null;
        MachineConfigurationCreate? config = null;
        foreach (var element in Children(template, TemplateOnce))
        {
            switch (element.Name.LocalName)
            {
                case "initialState":
                    initialState = Text(element);
                    break;
                case "machineConfig":
                    (configHref, config) = MachineConfig(element);
                    break;
                case "machineImage":
                    imageHref = Ref(element);
                    break;
                default:
                    break;
            }
        }

        var href = Href(template);
        if (href is null && configHref is null && config is null && imageHref is null)
        {
            throw Fail(template, "<machineTemplate> needs an href, or a <machineConfig> and a <machineImage>");
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

    // A reference, or the configuration in place (the xsd's optMachineConfigurationRef allows both at once).
    private static (string? Href, MachineConfigurationCreate? Inline) MachineConfig(XElement element)
    {
        var inline = HasConfiguration(element) ? Configuration(element) : null;
        var href = Href(element);
        return href is not null || inline is not null
            ? (href, inline)
            : throw Fail(element, "<machineConfig> needs an href attribute, or the configuration's <cpu>, <memory> and <disk> elements");
    }
}
