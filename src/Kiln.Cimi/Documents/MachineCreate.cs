namespace Kiln.Cimi;

/// <summary>
/// A create body for a Machine (POST to the machines' <c>add</c> href), read from a <c>MachineCreate</c> or
/// <c>Machine</c> document. Null: not given. The reader requires a <see cref="Template"/>; whether what it names exists
/// is the server's to judge.
/// </summary>
public sealed record MachineCreate
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>In the body's order; empty when none are given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <summary>What to make the machine of: an existing template, or one given in the body.</summary>
    public required MachineTemplateRef Template { get; init; }
}
