namespace Kiln.Builder.Packages;

/// <summary>
/// Reads deb822 control data (a Packages index, dpkg's status file) stanza by stanza, streaming: only the fields
/// asked for are kept, continuation lines are skipped, so a 50 MB index never sits in memory as text.
/// </summary>
public static class ControlStanzas
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Read(TextReader reader, IReadOnlySet<string> fields)
    {
        var stanza = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                if (stanza.Count > 0)
                {
                    yield return stanza;
                    stanza = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }
                continue;
            }
            if (line[0] is ' ' or '\t')
                continue; // continuation of a multi-line field (long description, conffiles)
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var name = line[..colon];
            if (fields.Contains(name))
                stanza[name] = line[(colon + 1)..].Trim();
        }
        if (stanza.Count > 0)
            yield return stanza;
    }

    public static readonly IReadOnlySet<string> PackageFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Package", "Version", "Architecture", "Section", "Installed-Size", "Description", "Status",
    };

    /// <summary>A stanza of a Packages index or status file as a package, or null when it lacks a name or version.</summary>
    public static PackageInfo? ToPackage(IReadOnlyDictionary<string, string> stanza)
    {
        if (!stanza.TryGetValue("Package", out var name) || !stanza.TryGetValue("Version", out var version))
            return null;
        long? installed = stanza.TryGetValue("Installed-Size", out var size) && long.TryParse(size, out var kib) ? kib : null;
        return new PackageInfo(name, version, stanza.GetValueOrDefault("Architecture") ?? "", stanza.GetValueOrDefault("Section"),
            installed, stanza.GetValueOrDefault("Description"));
    }
}
