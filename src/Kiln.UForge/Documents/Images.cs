namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>Images</c>. Root element <c>images</c>. Provides a list of image objects.
/// </summary>
public sealed class Images : UForgeObjects<Image>;
