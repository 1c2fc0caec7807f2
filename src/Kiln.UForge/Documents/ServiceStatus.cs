namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>ServiceStatus</c>. Root element <c>serviceStatus</c>. Provides the status of the platform.
/// </summary>
public sealed class ServiceStatus : UForgeObject
{
    public bool? Alive { get; set; }
    public string? Version { get; set; }
    public int? ServiceLoad { get; set; }
}
