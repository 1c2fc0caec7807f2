namespace Kiln.Cimi.Query;

/// <summary>
/// The query parameters of one collection request, parsed by <see cref="Parse(IEnumerable{KeyValuePair{string, string}})"/>:
/// filters (ANDed), sort keys, the <c>$first</c>/<c>$last</c> window, <c>$select</c> and <c>$expand</c>.
/// </summary>
public sealed partial class CimiQuery
{
    internal CimiQuery(
        IReadOnlyList<FilterExpression> filters,
        IReadOnlyList<CimiOrderKey> orderBy,
        long? first,
        long? last,
        IReadOnlySet<string>? select,
        IReadOnlySet<string> expand,
        bool expandAll)
    {
        Filters = filters;
        OrderBy = orderBy;
        First = first;
        Last = last;
        Select = select;
        Expand = expand;
        ExpandAll = expandAll;
    }

    /// <summary>One entry per <c>$filter</c> parameter; a resource must match all of them.</summary>
    public IReadOnlyList<FilterExpression> Filters { get; }

    /// <summary>Sort keys, most significant first (repeated <c>$orderby</c> parameters appended in order).</summary>
    public IReadOnlyList<CimiOrderKey> OrderBy { get; }

    /// <summary>1-based position of the first resource to return (<c>$first</c>), or null.</summary>
    public long? First { get; }

    /// <summary>1-based position of the last resource to return (<c>$last</c>), or null.</summary>
    public long? Last { get; }

    /// <summary>The attributes to return; null means all (no <c>$select</c>, or <c>$select=*</c>).</summary>
    public IReadOnlySet<string>? Select { get; }

    /// <summary>The attributes named by <c>$expand</c> (empty when absent); see also <see cref="ExpandAll"/>.</summary>
    public IReadOnlySet<string> Expand { get; }

    /// <summary>True for <c>$expand=*</c>: expand every reference.</summary>
    public bool ExpandAll { get; }

    public bool Selects(string attribute) => Select is null || Select.Contains(attribute);

    public bool Expands(string attribute) => ExpandAll || Expand.Contains(attribute);

    /// <summary>True when the resource matches every <c>$filter</c>.</summary>
    public bool Matches(ICimiQueryable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        foreach (var filter in Filters)
        {
            if (!FilterEvaluator.Matches(filter, resource))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Filters, sorts (stably) and applies the <c>$first</c>/<c>$last</c> window.</summary>
    public IReadOnlyList<T> Apply<T>(IEnumerable<T> items, Func<T, ICimiQueryable> describe) =>
        Window(FilterAndOrder(items, describe));

    /// <summary>
    /// Filters and sorts without the window (its count is the number of matching resources). Sorting is stable:
    /// resources with equal keys keep their input order. Missing values sort last in both directions.
    /// </summary>
    public IReadOnlyList<T> FilterAndOrder<T>(IEnumerable<T> items, Func<T, ICimiQueryable> describe)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(describe);
        var rows = new List<(T Item, int Index, CimiValue?[] Keys)>();
        foreach (var item in items)
        {
            var resource = describe(item) ?? throw new InvalidOperationException("The describe function returned null.");
            if (Matches(resource))
            {
                rows.Add((item, rows.Count, OrderBy.Select(k => resource.GetAttribute(k.Attribute)).ToArray()));
            }
        }

        if (OrderBy.Count > 0)
        {
            rows.Sort((a, b) => CompareRows(a.Keys, b.Keys) is var c && c != 0 ? c : a.Index.CompareTo(b.Index));
        }

        return rows.ConvertAll(r => r.Item);
    }

    /// <summary>The items at positions <see cref="First"/>..<see cref="Last"/> (1-based, inclusive).</summary>
    public IReadOnlyList<T> Window<T>(IReadOnlyList<T> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var start = (First ?? 1) - 1;
        var end = Math.Min(ordered.Count, Last ?? long.MaxValue);
        var result = new List<T>();
        for (var i = start; i < end; i++)
        {
            result.Add(ordered[(int)i]);
        }

        return result;
    }

    /// <summary>Throws <see cref="CimiQueryException"/> naming the first <c>$orderby</c> or <c>$select</c> attribute not in the set.</summary>
    public void Validate(IReadOnlySet<string> knownAttributes)
    {
        ArgumentNullException.ThrowIfNull(knownAttributes);
        foreach (var key in OrderBy)
        {
            Check("$orderby", key.Attribute, knownAttributes);
        }

        foreach (var name in Select ?? Enumerable.Empty<string>())
        {
            Check("$select", name, knownAttributes);
        }
    }

    /// <summary>As <see cref="Validate(IReadOnlySet{string})"/>, and also checks <c>$expand</c> names against <paramref name="expandableAttributes"/>.</summary>
    public void Validate(IReadOnlySet<string> knownAttributes, IReadOnlySet<string> expandableAttributes)
    {
        ArgumentNullException.ThrowIfNull(expandableAttributes);
        Validate(knownAttributes);
        foreach (var name in Expand)
        {
            Check("$expand", name, expandableAttributes);
        }
    }

    private static void Check(string parameter, string name, IReadOnlySet<string> known)
    {
        if (!known.Contains(name))
        {
            throw new CimiQueryException(parameter, null, $"unknown attribute '{name}'");
        }
    }

    private int CompareRows(CimiValue?[] a, CimiValue?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = CimiValueComparison.CompareForOrder(a[i], b[i]);
            if (c != 0)
            {
                var oneMissing = a[i] is null || b[i] is null;
                return OrderBy[i].Descending && !oneMissing ? -c : c;
            }
        }

        return 0;
    }
}
