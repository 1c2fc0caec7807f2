namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Roles</c>. Root element <c>roles</c>. Provides a list of role objects.
/// </summary>
public sealed class Roles : UForgeObjects<Role>;
