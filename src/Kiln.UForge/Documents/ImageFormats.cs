namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>ImageFormats</c>. Root element <c>imageFormats</c>. Provides a list of image format objects.
/// </summary>
public sealed class ImageFormats : UForgeObjects<ImageFormat>;
