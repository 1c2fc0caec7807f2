namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>TargetFormats</c>. Root element <c>targetFormats</c>. Provides a list of target format
/// objects.
/// </summary>
public sealed class TargetFormats : UForgeObjects<TargetFormat>;
