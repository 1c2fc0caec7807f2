namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>LocalizedMessage</c>. Localized message returned by the platform.
/// </summary>
public sealed class LocalizedMessage
{
    public string? Message { get; set; }
    public string? MessageId { get; set; }
    public List<string>? Parameters { get; set; }
}
