namespace Kiln.Cimi.Wire;

internal static class JsonPath
{
    /// <summary><c>$.name</c>, or <c>$['odd name']</c> for a name that is not a plain identifier.</summary>
    public static string Member(string parent, string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
