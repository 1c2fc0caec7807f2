namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Appliances</c>. Root element <c>appliances</c>. Provides a list of appliance objects.
/// </summary>
public sealed class Appliances : UForgeObjects<Appliance>;
