namespace Kiln.Cimi.Wire;

internal static partial class JsonBodies
{
    private static readonly IReadOnlyCollection<string> ActionOnce = ["action", "force", "properties"];

    public static MachineAction ReadAction(byte[] body)
    {
        using var json = Parse(body, BodyKinds.Action);
        var (action, path) = Root(json, BodyKinds.Action);
        string? uri = null;
        bool? force = null;
        IReadOnlyList<KeyValuePair<string, string>>? properties = null;
        foreach (var (member, at) in Members(action, path, ActionOnce))
        {
            switch (member.Name)
            {
                case "action":
                    uri = String(member.Value, at);
                    break;
                case "force":
                    force = Boolean(member.Value, at);
                    break;
                case "properties":
                    properties = PropertyObject(member.Value, at);
                    break;
                default:
                    break;
            }
        }

        return new MachineAction
        {
            Action = uri is { Length: > 0 }
                ? uri
                : throw Fail(JsonPath.Member(path, "action"), $"is missing: give the action's URI, such as \"{CimiUris.StopAction}\""),
            Force = force,
            Properties = properties ?? [],
        };
    }
}
