using System.Diagnostics.CodeAnalysis;

namespace Kiln.Cimi;

/// <summary>
/// The MachineImage collection (resourceURI <see cref="CimiUris.MachineImageCollection"/>): XML
/// <c>&lt;Collection&gt;</c> with <c>&lt;MachineImage&gt;</c> entries, JSON entries under <c>machineImages</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "CIMI's name for the resource type.")]
public sealed record MachineImageCollection
{
    public string? Id { get; init; }

    /// <summary>Written as given: the number of resources the collection holds after filtering, which paging may not show all of.</summary>
    public int Count { get; init; }

    public IReadOnlyList<MachineImage> Entries { get; init; } = [];

    /// <summary>Usually one: <c>add</c>, whose href takes create bodies.</summary>
    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
