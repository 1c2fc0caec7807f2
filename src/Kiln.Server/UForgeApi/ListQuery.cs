using System.Globalization;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// UForge's list parameters: <c>query</c> (FIQL), <c>orderBy</c> (a field), <c>descending</c>, <c>count</c> and
/// <c>offset</c>. The total is the number of matches before paging, so clients can page through.
/// </summary>
internal static class ListQuery
{
    public static (IReadOnlyList<T> Page, int Total) Apply<T>(IEnumerable<T> items, HttpRequest request,
        IReadOnlyDictionary<string, Func<T, object?>> fields)
    {
        var query = request.Query;
        var filter = FiqlFilter.Parse(query["query"], [.. fields.Keys]);
        var matching = items.Where(item => filter.Matches(f => Text(fields[f](item)))).ToList();
        if (query["orderBy"].ToString() is { Length: > 0 } orderBy)
        {
            if (!fields.TryGetValue(orderBy, out var key))
                throw new BadHttpRequestException($"orderBy: cannot order by '{orderBy}'; use one of {string.Join(", ", fields.Keys)}");
            var descending = Flag(query["descending"], "descending");
            var ordered = descending
                ? matching.OrderByDescending(i => key(i), ValueComparer.Instance)
                : matching.OrderBy(i => key(i), ValueComparer.Instance);
            matching = [.. ordered];
        }
        else if (Flag(query["descending"], "descending"))
        {
            matching.Reverse();
        }
        var offset = Number(query["offset"], "offset") ?? 0;
        var count = Number(query["count"], "count");
        IEnumerable<T> page = matching.Skip(offset);
        if (count is { } c)
            page = page.Take(c);
        return ([.. page], matching.Count);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool Flag(string? value, string name) => value switch
    {
        null or "" => false,
        _ when bool.TryParse(value, out var flag) => flag,
        _ => throw new BadHttpRequestException($"{name}: '{value}' is not true or false"),
    };

    private static int? Number(string? value, string name) => value switch
    {
        null or "" => null,
        _ when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new BadHttpRequestException($"{name}: '{value}' is not a whole number of 0 or more"),
    };

    /// <summary>Orders numbers as numbers and text ordinally; missing values first.</summary>
    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            (IComparable a, _) when a.GetType() == y.GetType() => a.CompareTo(y),
            _ => string.CompareOrdinal(Text(x), Text(y)),
        };
    }
}
