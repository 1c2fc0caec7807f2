namespace Kiln.Cimi;

/// <summary>
/// A create body for a MachineConfiguration (or a configuration given inline in a <see cref="MachineCreate"/>'s
/// template). Null: not given; integers are never negative.
/// </summary>
public sealed record MachineConfigurationCreate
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>In the body's order; empty when none are given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <inheritdoc cref="Machine.Cpu"/>
    public int? Cpu { get; init; }

    /// <inheritdoc cref="Machine.Memory"/>
    public long? Memory { get; init; }

    /// <summary>In the body's order; empty when none are given.</summary>
    public IReadOnlyList<MachineConfigurationDisk> Disks { get; init; } = [];

    /// <inheritdoc cref="Machine.CpuArch"/>
    public string? CpuArch { get; init; }
}
