namespace Kiln.Builder.Packages;

/// <summary>The packages installed in a tree, read from its dpkg status file: what UForge's image pkgs lists.</summary>
public static class InstalledPackages
{
    public static IReadOnlyList<PackageInfo> Read(string statusFile)
    {
        using var reader = new StreamReader(statusFile);
        return [.. ControlStanzas.Read(reader, ControlStanzas.PackageFields)
            .Where(s => s.TryGetValue("Status", out var status) && status.EndsWith(" installed", StringComparison.Ordinal))
            .Select(ControlStanzas.ToPackage)
            .OfType<PackageInfo>()
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
