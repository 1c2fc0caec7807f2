namespace Kiln.Cimi.Query;

/// <summary>
/// How two <see cref="CimiValue"/>s compare.
/// </summary>
/// <remarks>
/// In a filter (<see cref="CompareForFilter"/>):
/// <list type="bullet">
/// <item>Same kind: text ordinally (case-sensitive, by UTF-16 code unit), integers numerically, dates as instants
/// (offsets are taken into account), booleans with false &lt; true.</item>
/// <item>Date and text: the text is read as an ISO-8601 date (<see cref="CimiValue.TryParseDate"/>).</item>
/// <item>Integer and text: the text is read as an integer (optional sign, invariant digits).</item>
/// <item>Boolean and text: the text is read as true/false (any case).</item>
/// <item>Anything else, or text that does not read as the other kind, is incompatible: null.</item>
/// </list>
/// For sorting (<see cref="CompareForOrder"/>) no conversion happens, so the order is total: values of different
/// kinds sort by kind (boolean, integer, date, text), and a missing value sorts after every present one.
/// </remarks>
internal static class CimiValueComparison
{
    public static int? CompareForFilter(CimiValue a, CimiValue b)
    {
        if (a.Kind == b.Kind)
        {
            return CompareSameKind(a, b);
        }

        if (b.Kind == CimiValueKind.Text)
        {
            return Convert(b.AsText(), a.Kind) is { } converted ? CompareSameKind(a, converted) : null;
        }

        if (a.Kind == CimiValueKind.Text)
        {
            return Convert(a.AsText(), b.Kind) is { } converted ? CompareSameKind(converted, b) : null;
        }

        return null;
    }

    public static int CompareForOrder(CimiValue? a, CimiValue? b)
    {
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null);
        }

        var x = a.Value;
        var y = b.Value;
        return x.Kind == y.Kind ? CompareSameKind(x, y) : Rank(x.Kind).CompareTo(Rank(y.Kind));
    }

    private static int CompareSameKind(CimiValue a, CimiValue b) => a.Kind switch
    {
        CimiValueKind.Number => a.AsNumber().CompareTo(b.AsNumber()),
        CimiValueKind.Date => a.AsDate().CompareTo(b.AsDate()),
        CimiValueKind.Boolean => a.AsBoolean().CompareTo(b.AsBoolean()),
        _ => Math.Sign(string.CompareOrdinal(a.AsText(), b.AsText())),
    };

    private static CimiValue? Convert(string text, CimiValueKind kind) => kind switch
    {
        CimiValueKind.Date when CimiValue.TryParseDate(text, out var date) => CimiValue.FromDateTimeOffset(date),
        CimiValueKind.Number when long.TryParse(
            text, System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var number) => CimiValue.FromInt64(number),
        CimiValueKind.Boolean when bool.TryParse(text, out var flag) => CimiValue.FromBoolean(flag),
        _ => (CimiValue?)null,
    };

    private static int Rank(CimiValueKind kind) => kind switch
    {
        CimiValueKind.Boolean => 0,
        CimiValueKind.Number => 1,
        CimiValueKind.Date => 2,
        _ => 3,
    };
}
