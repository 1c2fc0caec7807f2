namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Role</c>. Root element <c>role</c>. Describes a role used for Role-Based Access Control
/// (RBAC).
/// </summary>
public sealed class Role : UForgeObject
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<Entitlement>? Entitlements { get; set; }
}
