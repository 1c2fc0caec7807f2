namespace Kiln.Cimi.Wire;

/// <summary>
/// A kind of request body: the document messages name, and the roots (XML) or wrapping members (JSON,
/// <c>{"machineCreate": {...}}</c>) it may come under, as clients send them.
/// </summary>
internal sealed record BodyKind(string Document, IReadOnlyList<string> Roots)
{
    /// <summary>The roots as the xsd spells elements, for messages: <c>&lt;MachineImage&gt; or &lt;MachineImageCreate&gt;</c>.</summary>
    public string ExpectedRoots
    {
        get
        {
            var names = Roots.Where(root => char.IsAsciiLetterUpper(root[0])).Select(root => $"<{root}>").ToList();
            return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
        }
    }

    /// <summary>"a" or "an", to go before <see cref="Document"/>.</summary>
    public string Article => "AEIOU".Contains(Document[0], StringComparison.Ordinal) ? "an" : "a";
}

internal static class BodyKinds
{
    public static BodyKind MachineImage { get; } =
        new("MachineImage", ["MachineImage", "machineImage", "MachineImageCreate", "machineImageCreate"]);

    public static BodyKind MachineCreate { get; } = new("MachineCreate", ["MachineCreate", "machineCreate", "Machine"]);

    public static BodyKind MachineConfigurationCreate { get; } =
        new("MachineConfiguration", ["MachineConfiguration", "MachineConfigurationCreate", "machineConfigurationCreate"]);

    public static BodyKind MachineTemplateCreate { get; } =
        new("MachineTemplate", ["MachineTemplate", "MachineTemplateCreate", "machineTemplateCreate"]);

    public static BodyKind MachineEdit { get; } = new("Machine", ["Machine", "machine"]);

    public static BodyKind Action { get; } = new("Action", ["Action", "action"]);
}
