using System.Text.Json;

namespace Kiln.Cimi.Wire;

internal static partial class JsonBodies
{
    private static readonly IReadOnlyCollection<string> MachineImageOnce = [.. Common.Once, "type", "imageLocation"];

    public static MachineImageBody ReadMachineImage(byte[] body)
    {
        using var json = Parse(body, BodyKinds.MachineImage);
        var (image, path) = Root(json, BodyKinds.MachineImage);
        var common = new Common();
        string? imageLocation = null;
        MachineImageType? type = null;
        foreach (var (member, at) in Members(image, path, MachineImageOnce))
        {
            if (common.Read(member, at))
            {
                continue;
            }

            switch (member.Name)
            {
                case "type":
                    type = String(member.Value, at) is { } text ? Type(text, at) : null;
                    break;
                case "imageLocation":
                    // A string as CIMI has it, or a reference as some clients send it.
                    imageLocation = member.Value.ValueKind == JsonValueKind.Object
                        ? Href(member.Value, at)
                        : String(member.Value, at);
                    break;
                default:
                    break;
            }
        }

        return new MachineImageBody(common.Name, common.Description, type, imageLocation, common.Properties);
    }

    private static MachineImageType Type(string text, string at) =>
        CimiWireNames.TryParse(text, out var type)
            ? type
            : throw Fail(at, $"must be {CimiWireNames.MachineImageTypes}, not \"{text}\"");
}
