namespace Kiln.Cimi;

/// <summary>
/// A MachineConfiguration (resourceURI <see cref="CimiUris.MachineConfiguration"/>): the hardware of a machine, named
/// by templates. Attributes in the schema's order; absent (null) values and empty lists are left out of the document.
/// </summary>
public sealed record MachineConfiguration
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    /// <inheritdoc cref="MachineImage.Properties"/>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <inheritdoc cref="Machine.Cpu"/>
    public int? Cpu { get; init; }

    /// <inheritdoc cref="Machine.Memory"/>
    public long? Memory { get; init; }

    /// <summary>XML one <c>disk</c> element each, JSON an array under <c>disks</c>.</summary>
    public IReadOnlyList<MachineConfigurationDisk> Disks { get; init; } = [];

    /// <inheritdoc cref="Machine.CpuArch"/>
    public string? CpuArch { get; init; }

    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
