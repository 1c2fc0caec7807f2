namespace Kiln.Builder.Packages;

/// <summary>One Debian binary package: what a package search returns and what an image has installed.</summary>
/// <param name="Summary">The first line of the package's description.</param>
public sealed record PackageInfo(string Name, string Version, string Architecture, string? Section, long? InstalledSizeKiB, string? Summary);
