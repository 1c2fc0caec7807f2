using System.Globalization;

namespace Kiln.Builder.Packages;

/// <summary>The SHA256 section of a verified Release file: the hash and size of every index it vouches for.</summary>
public sealed class ReleaseFile
{
    private readonly Dictionary<string, (string Sha256, long Size)> _files;

    private ReleaseFile(Dictionary<string, (string, long)> files) => _files = files;

    public static ReleaseFile Parse(string text)
    {
        var files = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        var inSha256 = false;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Length == 0)
                continue;
            if (line[0] != ' ')
            {
                inSha256 = line.StartsWith("SHA256:", StringComparison.Ordinal);
                continue;
            }
            if (!inSha256)
                continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                files[parts[2]] = (parts[0].ToLowerInvariant(), size);
        }
        return new ReleaseFile(files);
    }

    public (string Sha256, long Size)? Find(string path) => _files.TryGetValue(path, out var entry) ? entry : null;
}
