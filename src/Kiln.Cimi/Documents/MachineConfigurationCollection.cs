using System.Diagnostics.CodeAnalysis;

namespace Kiln.Cimi;

/// <summary>
/// The MachineConfiguration collection (resourceURI <see cref="CimiUris.MachineConfigurationCollection"/>): XML
/// <c>&lt;Collection&gt;</c> with <c>&lt;MachineConfiguration&gt;</c> entries, JSON entries under <c>machineConfigurations</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "CIMI's name for the resource type.")]
public sealed record MachineConfigurationCollection
{
    public string? Id { get; init; }

    /// <inheritdoc cref="MachineImageCollection.Count"/>
    public int Count { get; init; }

    public IReadOnlyList<MachineConfiguration> Entries { get; init; } = [];

    /// <inheritdoc cref="MachineImageCollection.Operations"/>
    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
