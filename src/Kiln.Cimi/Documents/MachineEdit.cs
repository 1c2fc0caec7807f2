namespace Kiln.Cimi;

/// <summary>
/// An edit body (PUT on a machine): the attributes a client may change. Null: not given, keep the current value; an
/// empty string or empty list is given (and clears). Other attributes a client sends back (state, cpu) are ignored:
/// they change through actions, not edits.
/// </summary>
public sealed record MachineEdit
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Null when the body has no property at all.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Properties { get; init; }
}
