using System.Diagnostics.CodeAnalysis;

namespace Kiln.Cimi;

/// <summary>
/// The Job collection (resourceURI <see cref="CimiUris.JobCollection"/>): XML <c>&lt;Collection&gt;</c> with
/// <c>&lt;Job&gt;</c> entries, JSON entries under <c>jobs</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "CIMI's name for the resource type.")]
public sealed record JobCollection
{
    public string? Id { get; init; }

    /// <inheritdoc cref="MachineImageCollection.Count"/>
    public int Count { get; init; }

    public IReadOnlyList<Job> Entries { get; init; } = [];

    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
