namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>OpStatus</c>. Root element <c>status</c>. Primitive object to describe the status of the
/// parent object it is attached to.
/// </summary>
public sealed class OpStatus : UForgeObject
{
    public long? BytesLoaded { get; set; }
    public long? BytesTotal { get; set; }
    public bool? Cancelled { get; set; }
    public bool? Complete { get; set; }
    public bool? DetailedError { get; set; }
    public string? DetailedErrorMsg { get; set; }
    public bool? Error { get; set; }
    public string? ErrorMessage { get; set; }
    /// <summary>An xs:dateTime in the xsd: the expected time of completion.</summary>
    public DateTimeOffset? Eta { get; set; }
    public string? Message { get; set; }
    public string? ParentUri { get; set; }
    /// <summary>0 to 100; clients read the state from complete, error and cancelled, not from this.</summary>
    public int? Percentage { get; set; }
    public bool? Published { get; set; }
    /// <summary>An xs:dateTime in the xsd, though it reads as a duration.</summary>
    public DateTimeOffset? TotalTime { get; set; }
    public string? Uri { get; set; }
}
