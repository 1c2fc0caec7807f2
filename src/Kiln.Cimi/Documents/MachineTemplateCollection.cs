using System.Diagnostics.CodeAnalysis;

namespace Kiln.Cimi;

/// <summary>
/// The MachineTemplate collection (resourceURI <see cref="CimiUris.MachineTemplateCollection"/>): XML
/// <c>&lt;Collection&gt;</c> with <c>&lt;MachineTemplate&gt;</c> entries, JSON entries under <c>machineTemplates</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "CIMI's name for the resource type.")]
public sealed record MachineTemplateCollection
{
    public string? Id { get; init; }

    /// <inheritdoc cref="MachineImageCollection.Count"/>
    public int Count { get; init; }

    public IReadOnlyList<MachineTemplate> Entries { get; init; } = [];

    /// <inheritdoc cref="MachineImageCollection.Operations"/>
    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
