namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>LinuxProfiles</c>. Root element <c>linuxProfiles</c>. Provides a list of Linux profile
/// objects.
/// </summary>
public sealed class LinuxProfiles : UForgeObjects<LinuxProfile>;
