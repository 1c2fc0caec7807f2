using System.Text.RegularExpressions;

namespace Kiln.Builder.Packages;

/// <summary>A distribution's package index in memory, sorted by name, searchable by glob (<c>*nginx*</c>).</summary>
public sealed class PackageIndex
{
    private readonly PackageInfo[] _packages;
    private readonly Dictionary<string, PackageInfo> _byName;

    public PackageIndex(IEnumerable<PackageInfo> packages, DateTimeOffset fetchedAt)
    {
        // One entry per name: an index may list a package twice (several versions); keep the last, as apt prefers the newest listed.
        _byName = new Dictionary<string, PackageInfo>(StringComparer.Ordinal);
        foreach (var package in packages)
            _byName[package.Name] = package;
        _packages = [.. _byName.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];
        FetchedAt = fetchedAt;
    }

    public DateTimeOffset FetchedAt { get; }

    public int Count => _packages.Length;

    public PackageInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Packages whose name matches <paramref name="pattern"/>: '*' matches any run of characters; no '*' means a substring.</summary>
    public IEnumerable<PackageInfo> Search(string pattern)
    {
        var glob = pattern.Contains('*', StringComparison.Ordinal) ? pattern : "*" + pattern + "*";
        var regex = new Regex("^" + string.Join(".*", glob.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return _packages.Where(p => regex.IsMatch(p.Name));
    }
}
