namespace Kiln.Cimi.Wire;

internal static partial class XmlBodies
{
    private static readonly IReadOnlyCollection<string> ActionOnce = ["action", "force"];

    public static MachineAction ReadAction(byte[] body)
    {
        var root = Root(body, BodyKinds.Action);
        string? action = null;
        bool? force = null;
        PropertyList? properties = null;
        foreach (var element in Children(root, ActionOnce))
        {
            switch (element.Name.LocalName)
            {
                case "action":
                    action = Text(element);
                    break;
                case "force":
                    force = Boolean(element);
                    break;
                case "property":
                    // Not in the xsd's Action, whose wildcard lets it through; CIMI gives every action properties.
                    Property(element, properties ??= new PropertyList());
                    break;
                default:
                    break;
            }
        }

        return new MachineAction
        {
            Action = action is { Length: > 0 }
                ? action
                : throw Fail(root, $"<{root.Name.LocalName}> needs an <action> naming it, such as <action>{CimiUris.StopAction}</action>"),
            Force = force,
            Properties = properties?.Items ?? [],
        };
    }
}
