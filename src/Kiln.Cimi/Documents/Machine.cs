namespace Kiln.Cimi;

/// <summary>
/// A Machine (resourceURI <see cref="CimiUris.Machine"/>). Attributes in the schema's order (MachineElements); absent
/// (null) values and empty lists are left out of the document.
/// </summary>
public sealed record Machine
{
    /// <summary>The absolute URL of the machine; also the href of its <c>edit</c> and <c>delete</c> operations.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    /// <inheritdoc cref="MachineImage.Properties"/>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    public MachineState? State { get; init; }

    /// <summary>The number of virtual CPUs.</summary>
    public int? Cpu { get; init; }

    /// <summary>In KiB, as CIMI counts memory.</summary>
    public long? Memory { get; init; }

    /// <summary>The href of the machine's disk collection (XML <c>&lt;disks href=".."/&gt;</c>, JSON <c>{"href": ".."}</c>).</summary>
    public string? Disks { get; init; }

    /// <summary>The CPU architecture (<c>x86_64</c>, <c>aarch64</c>).</summary>
    public string? CpuArch { get; init; }

    /// <summary><c>edit</c>, <c>delete</c>, and actions by their full URI (<see cref="CimiUris.StartAction"/>, <see cref="CimiUris.CaptureAction"/>).</summary>
    public IReadOnlyList<CimiOperation> Operations { get; init; } = [];
}
