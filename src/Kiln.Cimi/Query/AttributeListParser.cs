namespace Kiln.Cimi.Query;

/// <summary>
/// Parses the comma lists of <c>$select</c>, <c>$expand</c> (<c>name,name</c> or <c>*</c>) and <c>$orderby</c>
/// (<c>name[:asc|:desc],...</c>). Whitespace around items is ignored; names are ASCII letters, digits and
/// <c>_</c>, not starting with a digit; <c>asc</c>/<c>desc</c> are lowercase. An empty item is an error.
/// </summary>
internal static class AttributeListParser
{
    /// <summary>Adds the names to <paramref name="names"/>; returns true when the list holds <c>*</c>.</summary>
    public static bool ParseNames(string parameter, string text, HashSet<string> names)
    {
        var all = false;
        foreach (var (item, position) in Split(parameter, text))
        {
            if (item == "*")
            {
                all = true;
            }
            else
            {
                names.Add(CheckName(parameter, item, position));
            }
        }

        return all;
    }

    public static void ParseOrderBy(string text, List<CimiOrderKey> keys)
    {
        const string Parameter = "$orderby";
        foreach (var (item, position) in Split(Parameter, text))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                keys.Add(new CimiOrderKey(CheckName(Parameter, item, position)));
                continue;
            }

            var name = CheckName(Parameter, item[..colon].TrimEnd(), position);
            var direction = item[(colon + 1)..];
            var directionPosition = position + colon + 1 + (direction.Length - direction.TrimStart().Length);
            keys.Add(direction.Trim() switch
            {
                "asc" => new CimiOrderKey(name),
                "desc" => new CimiOrderKey(name, Descending: true),
                _ => throw new CimiQueryException(
                    Parameter, directionPosition, $"expected 'asc' or 'desc' after '{name}:'"),
            });
        }
    }

    public static bool IsName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string CheckName(string parameter, string name, int position) =>
        IsName(name)
            ? name
            : throw new CimiQueryException(
                parameter, position, name.Length == 0 ? "expected an attribute name" : $"invalid attribute name '{Shorten(name)}'");

    /// <summary>Trimmed items with the 1-based position of their first character (or of the empty slot).</summary>
    private static List<(string Item, int Position)> Split(string parameter, string text)
    {
        if (text.Length > FilterParser.MaxLength)
        {
            throw new CimiQueryException(parameter, FilterParser.MaxLength + 1, $"longer than {FilterParser.MaxLength} characters");
        }

        var items = new List<(string, int)>();
        var start = 0;
        while (true)
        {
            var comma = text.IndexOf(',', start);
            var end = comma < 0 ? text.Length : comma;
            var raw = text[start..end];
            var lead = raw.Length - raw.TrimStart().Length;
            var item = raw.Trim();
            if (item.Length == 0)
            {
                throw new CimiQueryException(parameter, start + 1, "expected an attribute name");
            }

            items.Add((item, start + lead + 1));
            if (comma < 0)
            {
                return items;
            }

            start = comma + 1;
        }
    }

    private static string Shorten(string s) => s.Length <= 32 ? s : s[..29] + "...";
}
