namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>ImagePkgs</c>. Root element <c>imagePkgs</c>. Provides a list of image package objects.
/// </summary>
public sealed class ImagePkgs : UForgeObjects<ImagePkg>;
