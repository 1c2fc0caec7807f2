namespace Kiln.Cimi;

/// <summary>
/// The <c>machineTemplate</c> of a <see cref="MachineCreate"/>: a reference to an existing template
/// (<see cref="Href"/>), or a template given in the body by its configuration (a reference or
/// <see cref="MachineConfig"/> given inline) and image. Null: not given; the reader sees to it that at least one
/// of <see cref="Href"/>, the configuration and the image is there.
/// </summary>
public sealed record MachineTemplateRef
{
    /// <summary>The href of an existing MachineTemplate.</summary>
    public string? Href { get; init; }

    /// <summary>The href of an existing MachineConfiguration.</summary>
    public string? MachineConfigHref { get; init; }

    /// <summary>A configuration given inline (<c>cpu</c>, <c>memory</c>, <c>disk</c>s) rather than by reference.</summary>
    public MachineConfigurationCreate? MachineConfig { get; init; }

    /// <summary>The href of the MachineImage to make the machine of.</summary>
    public string? MachineImageHref { get; init; }

    /// <inheritdoc cref="MachineTemplate.InitialState"/>
    public string? InitialState { get; init; }
}
