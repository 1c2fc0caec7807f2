namespace Kiln.Cimi;

/// <summary>
/// An edit body (PUT on an image): the attributes a client may change. Null: not given, keep the current value;
/// an empty string or empty list is given (and clears).
/// </summary>
public sealed record MachineImageEdit
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Null when the body has no property at all.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Properties { get; init; }
}
