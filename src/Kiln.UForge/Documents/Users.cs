namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Users</c>. Root element <c>users</c>. Provides a list of user objects.
/// </summary>
public sealed class Users : UForgeObjects<User>;
