namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Entitlement</c>. Root element <c>entitlement</c>. Describes a base permission tag pre-defined
/// in the platform.
/// Not a UForgeObject: a name (<c>image_generate</c>, ...) and a description.
/// </summary>
public sealed class Entitlement
{
    public string? Description { get; set; }
    public string? Name { get; set; }
}
