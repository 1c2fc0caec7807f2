namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>UForgeError</c>. Root element <c>uforgeError</c>. Holds information on a platform error.
/// Not a UForgeObject (no dbId, no dates of its own); its elements come in alphabetical order.
/// </summary>
public sealed class UForgeError
{
    public LocalizedMessage? LocalizedErrorMsg { get; set; }
    public string? RequestMethod { get; set; }
    public string? RequestUri { get; set; }
    public int? StatusCode { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
}
