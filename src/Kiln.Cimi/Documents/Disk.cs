namespace Kiln.Cimi;

/// <summary>
/// One disk of a Machine (resourceURI <see cref="CimiUris.Disk"/>), an entry of the machine's
/// <see cref="DiskCollection"/>. The xsd's Disk has capacity and initialLocation only, no id: XML leaves
/// <see cref="Id"/> out, JSON carries it. Absent (null) values are left out.
/// </summary>
public sealed record Disk
{
    /// <summary>The disk's absolute URL; written in JSON only.</summary>
    public string? Id { get; init; }

    /// <summary>In KiB, as CIMI counts disk sizes.</summary>
    public long? Capacity { get; init; }

    /// <summary>Where the guest sees the disk (<c>/dev/vda</c>).</summary>
    public string? InitialLocation { get; init; }
}
