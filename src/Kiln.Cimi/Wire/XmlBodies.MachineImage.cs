using System.Xml.Linq;

namespace Kiln.Cimi.Wire;

internal static partial class XmlBodies
{
    private static readonly IReadOnlyCollection<string> MachineImageOnce = [.. Common.Once, "type", "imageLocation"];

    public static MachineImageBody ReadMachineImage(byte[] body)
    {
        var root = Root(body, BodyKinds.MachineImage);
        var common = new Common();
        string? imageLocation = null;
        MachineImageType? type = null;
        foreach (var element in Children(root, MachineImageOnce))
        {
            if (common.Read(element))
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "type":
                    type = Type(element);
                    break;
                case "imageLocation":
                    // Text as the xsd has it, or a reference as some clients send it.
                    imageLocation = element.Attribute("href")?.Value.Trim() ?? Text(element);
                    break;
                default:
                    break;
            }
        }

        return new MachineImageBody(common.Name, common.Description, type, imageLocation, common.Properties);
    }

    private static MachineImageType Type(XElement element)
    {
        var text = Text(element);
        return CimiWireNames.TryParse(text, out var type)
            ? type
            : throw Fail(element, $"<type> must be {CimiWireNames.MachineImageTypes}, not \"{text}\"");
    }
}
