using System.Diagnostics.CodeAnalysis;

namespace Kiln.Cimi;

/// <summary>
/// A Machine's disks (resourceURI <see cref="CimiUris.DiskCollection"/>): XML <c>&lt;Collection&gt;</c> with
/// <c>&lt;Disk&gt;</c> entries, JSON entries under <c>disks</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "CIMI's name for the resource type.")]
public sealed record DiskCollection
{
    public string? Id { get; init; }

    /// <inheritdoc cref="MachineImageCollection.Count"/>
    public int Count { get; init; }

    public IReadOnlyList<Disk> Entries { get; init; } = [];

    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
