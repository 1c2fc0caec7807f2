namespace Kiln.Cimi;

/// <summary>
/// A create body for a MachineTemplate: a configuration and an image, each by reference. Null: not given; whether the
/// references resolve is the server's to judge.
/// </summary>
public sealed record MachineTemplateCreate
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>In the body's order; empty when none are given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <inheritdoc cref="MachineTemplateRef.MachineConfigHref"/>
    public string? MachineConfigHref { get; init; }

    /// <inheritdoc cref="MachineTemplateRef.MachineImageHref"/>
    public string? MachineImageHref { get; init; }

    /// <inheritdoc cref="MachineTemplate.InitialState"/>
    public string? InitialState { get; init; }
}
