namespace Kiln.Cimi;

/// <summary>
/// A create body (POST to the collection's <c>add</c> href), read from a <c>MachineImage</c> or
/// <c>MachineImageCreate</c> document. Null: not given. <see cref="ImageLocation"/> is the URI of a Machine to capture
/// or of image bits to import; the reader does not judge which.
/// </summary>
public sealed record MachineImageCreate
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public MachineImageType? Type { get; init; }

    public string? ImageLocation { get; init; }

    /// <summary>In the body's order; empty when none are given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];
}
