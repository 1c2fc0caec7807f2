using System.Security.Cryptography;
using System.Text;

namespace Kiln.Builder.Cache;

/// <summary>
/// The identity of a bootstrapped base tree: a hash of everything that decides its content. Two builds with the
/// same key can share the tree; anything else that differs is applied later, on a copy.
/// </summary>
public sealed record BaseTreeKey(string Distribution, string Codename, string Architecture, string Profile,
    IReadOnlyList<string> Packages, string Mirror)
{
    /// <summary>Bump when the bootstrap command changes in a way that changes the tree.</summary>
    private const string Recipe = "kiln-base-v1";

    public string Value { get; } = Hash(Distribution, Codename, Architecture, Profile, Packages, Mirror);

    public override string ToString() => Value;

    private static string Hash(string distribution, string codename, string arch, string profile,
        IReadOnlyList<string> packages, string mirror)
    {
        var canonical = new StringBuilder()
            .Append(Recipe).Append('\n')
            .Append("distribution=").Append(distribution).Append('\n')
            .Append("release=").Append(codename).Append('\n')
            .Append("arch=").Append(arch).Append('\n')
            .Append("profile=").Append(profile).Append('\n')
            .Append("packages=").AppendJoin(',', packages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)).Append('\n')
            .Append("mirror=").Append(mirror.TrimEnd('/')).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..32];
    }
}
