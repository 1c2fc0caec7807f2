namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Distributions</c>. Root element <c>distributions</c>. Provides a list of distribution objects.
/// </summary>
public sealed class Distributions : UForgeObjects<Distribution>;
