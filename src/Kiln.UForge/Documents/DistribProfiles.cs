namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>DistribProfiles</c>. Root element <c>distribProfiles</c>. Provides a list of distribution
/// profile objects.
/// </summary>
public sealed class DistribProfiles : UForgeObjects<DistribProfile>;
