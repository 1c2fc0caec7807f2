namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>UForgeObject</c>. Holds generic information used by platform objects.
/// It has no uri: each type declares its own, at its own place in the sequence.
/// </summary>
public abstract class UForgeObject
{
    public DateTimeOffset? Created { get; set; }
    public long? DbId { get; set; }
    public string? Digest { get; set; }
    public DateTimeOffset? LastModified { get; set; }
}
