namespace Kiln.Server.UForgeApi;

/// <summary>
/// The part of FIQL UForge clients send to find things: <c>field=='value'</c> terms joined by ';' (and), values with
/// '*' wildcards. Anything else is a 400 naming what is not understood.
/// </summary>
internal sealed class FiqlFilter
{
    private readonly List<(string Field, string Pattern)> _terms;

    private FiqlFilter(List<(string, string)> terms) => _terms = terms;

    public static FiqlFilter Parse(string? query, IReadOnlyCollection<string> fields)
    {
        var terms = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(query))
            return new FiqlFilter(terms);
        foreach (var term in query.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = term.IndexOf("==", StringComparison.Ordinal);
            var field = at > 0 ? term[..at].Trim() : "";
            if (at <= 0 || !fields.Contains(field))
                throw new BadHttpRequestException($"query: cannot filter on '{term}'; use {string.Join(" or ", fields.Select(f => f + "=='value'"))}, joined by ';'");
            terms.Add((field, term[(at + 2)..].Trim().Trim('\'', '"')));
        }
        return new FiqlFilter(terms);
    }

    public bool Matches(Func<string, string?> valueOf) => _terms.All(t => Glob(t.Pattern, valueOf(t.Field) ?? ""));

    private static bool Glob(string pattern, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value,
            "^" + string.Join(".*", pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
