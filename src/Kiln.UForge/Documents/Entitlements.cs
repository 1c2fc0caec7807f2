namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Entitlements</c>. Root element <c>entitlements</c>. Provides a list of entitlement objects.
/// </summary>
public sealed class Entitlements : UForgeObjects<Entitlement>;
