using System.Diagnostics.CodeAnalysis;

namespace Kiln.Cimi;

/// <summary>
/// The Machine collection (resourceURI <see cref="CimiUris.MachineCollection"/>): XML <c>&lt;Collection&gt;</c> with
/// <c>&lt;Machine&gt;</c> entries, JSON entries under <c>machines</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "CIMI's name for the resource type.")]
public sealed record MachineCollection
{
    public string? Id { get; init; }

    /// <inheritdoc cref="MachineImageCollection.Count"/>
    public int Count { get; init; }

    public IReadOnlyList<Machine> Entries { get; init; } = [];

    /// <inheritdoc cref="MachineImageCollection.Operations"/>
    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
