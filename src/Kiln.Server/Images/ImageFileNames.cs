using System.Text;

namespace Kiln.Server.Images;

/// <summary>The names images are downloaded under, made from what users and URLs say.</summary>
internal static class ImageFileNames
{
    /// <summary>
    /// <paramref name="text"/> kept to [A-Za-z0-9._-] (other characters become one '-'), trimmed of '-', '.' and '_',
    /// at most 100 characters; null when nothing is left.
    /// </summary>
    public static string? Safe(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
                safe.Append(c);
            else if (safe.Length > 0 && safe[^1] != '-')
                safe.Append('-');
        }
        var name = safe.ToString().Trim('-', '.', '_');
        if (name.Length > 100)
            name = name[..100].Trim('-', '.', '_');
        return name.Length > 0 ? name : null;
    }
}
