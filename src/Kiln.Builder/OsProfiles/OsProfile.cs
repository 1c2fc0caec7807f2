namespace Kiln.Builder.OsProfiles;

/// <summary>A named package set of a distribution release, as UForge's OS profiles are.</summary>
/// <param name="EstimatedTreeMiB">Size of the installed tree, used to reject a too-small disk before bootstrapping.</param>
public sealed record OsProfile(string Name, string Description, IReadOnlyList<string> Packages, int EstimatedTreeMiB);

/// <summary>A distribution release the builder can bootstrap.</summary>
public sealed record DistributionRelease(
    string Distribution, string Release, string Codename, IReadOnlyList<string> Aliases, IReadOnlyList<OsProfile> Profiles)
{
    public OsProfile? FindProfile(string name) =>
        Profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
