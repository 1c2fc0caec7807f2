using System.Globalization;

namespace Kiln.Cimi.Query;

public sealed partial class CimiQuery
{
    /// <summary>
    /// Reads the query parameters of a collection request. <c>$filter</c>, <c>$select</c>, <c>$expand</c> and
    /// <c>$orderby</c> may repeat (filters are ANDed, lists are joined); <c>$first</c>/<c>$last</c> may appear once.
    /// Parameters not starting with <c>$</c> are ignored; an unknown <c>$name</c> is an error. Names are
    /// case-sensitive. Throws only <see cref="CimiQueryException"/> for bad input.
    /// </summary>
    public static CimiQuery Parse(IEnumerable<KeyValuePair<string, string?>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<FilterExpression>();
        var orderBy = new List<CimiOrderKey>();
        var select = new HashSet<string>(StringComparer.Ordinal);
        var expand = new HashSet<string>(StringComparer.Ordinal);
        bool sawSelect = false, selectAll = false, expandAll = false;
        long? first = null, last = null;
        foreach (var (name, raw) in query)
        {
            var value = raw ?? "";
            switch (name)
            {
                case "$filter":
                    filters.Add(FilterParser.Parse(value));
                    break;
                case "$select":
                    sawSelect = true;
                    selectAll |= AttributeListParser.ParseNames(name, value, select);
                    break;
                case "$expand":
                    expandAll |= AttributeListParser.ParseNames(name, value, expand);
                    break;
                case "$orderby":
                    AttributeListParser.ParseOrderBy(value, orderBy);
                    break;
                case "$first":
                    first = ParsePosition(name, value, first);
                    break;
                case "$last":
                    last = ParsePosition(name, value, last);
                    break;
                case not null when name.StartsWith('$'):
                    throw new CimiQueryException(name.Length > 64 ? name[..61] + "..." : name, null, "unknown query parameter");
            }
        }

        if (first > last)
        {
            throw new CimiQueryException("$first", null, $"$first ({first}) is after $last ({last})");
        }

        return new CimiQuery(filters, orderBy, first, last, sawSelect && !selectAll ? select : null, expand, expandAll);
    }

    /// <summary>As <see cref="Parse(IEnumerable{KeyValuePair{string, string}})"/>, for multi-valued collections such as ASP.NET's <c>IQueryCollection</c>.</summary>
    public static CimiQuery Parse<TValues>(IEnumerable<KeyValuePair<string, TValues>> query)
        where TValues : IEnumerable<string?>
    {
        ArgumentNullException.ThrowIfNull(query);
        return Parse(query.SelectMany(p => (IEnumerable<string?>?)p.Value ?? [], (p, v) => KeyValuePair.Create(p.Key, v)));
    }

    private static long ParsePosition(string name, string value, long? previous)
    {
        if (previous is not null)
        {
            throw new CimiQueryException(name, null, "given more than once");
        }

        var text = value.Trim();
        if (text.Length == 0 || text.Length > 19 || !text.All(char.IsAsciiDigit)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            var shown = text.Length > 32 ? text[..29] + "..." : text;
            throw new CimiQueryException(name, 1, $"expected a position (an integer from 1) but found '{shown}'");
        }

        return n;
    }
}
