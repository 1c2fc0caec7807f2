namespace Kiln.Cimi;

/// <summary>
/// A MachineTemplate (resourceURI <see cref="CimiUris.MachineTemplate"/>): a configuration and an image to make
/// machines of. Attributes in the schema's order; absent (null) values and empty lists are left out of the document.
/// </summary>
public sealed record MachineTemplate
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    /// <inheritdoc cref="MachineImage.Properties"/>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <summary>The state a new machine is brought to (<c>STARTED</c>, <c>STOPPED</c>), as the template says it.</summary>
    public string? InitialState { get; init; }

    /// <summary>The href of the template's MachineConfiguration.</summary>
    public string? MachineConfig { get; init; }

    /// <summary>The href of the template's MachineImage.</summary>
    public string? MachineImage { get; init; }

    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
