namespace Kiln.Builder.Planning;

/// <summary>Finds the Debian mirror this machine already uses, so builds need no configuration.</summary>
public static class AptSources
{
    public const string FallbackMirror = "http://deb.debian.org/debian";

    public static string DefaultMirror(string etcApt = "/etc/apt")
    {
        var candidates = new List<string>();
        var listDir = Path.Combine(etcApt, "sources.list.d");
        if (Directory.Exists(listDir))
            foreach (var file in Directory.EnumerateFiles(listDir, "*.sources").Order(StringComparer.Ordinal))
                candidates.AddRange(File.ReadLines(file)
                    .Where(l => l.StartsWith("URIs:", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(l => l[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        var list = Path.Combine(etcApt, "sources.list");
        if (File.Exists(list))
            candidates.AddRange(File.ReadLines(list)
                .Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(w => w.Length >= 3 && w[0] == "deb")
                .Select(w => w[1].StartsWith('[') ? w[2] : w[1]));
        // The security archive and third-party repositories do not carry the release itself.
        return candidates.FirstOrDefault(u => u.TrimEnd('/').EndsWith("/debian", StringComparison.Ordinal)
            && u.StartsWith("http", StringComparison.Ordinal)) ?? FallbackMirror;
    }
}
