using System.Globalization;

namespace Kiln.Cimi.Query;

/// <summary>The kinds of value a CIMI attribute or a <c>$filter</c> literal can hold.</summary>
public enum CimiValueKind
{
    Text,
    Number,
    Date,
    Boolean,
}

/// <summary>
/// One attribute value or filter literal: text, a 64-bit integer, an instant (<see cref="DateTimeOffset"/>) or a
/// boolean. Equality of dates is equality of instants (the same moment written with different offsets is equal).
/// <c>default(CimiValue)</c> is the empty text.
/// </summary>
public readonly record struct CimiValue
{
    private static readonly string[] DateFormats = BuildDateFormats();

    private readonly string? _text;
    private readonly long _integer;
    private readonly DateTimeOffset _date;
    private readonly bool _boolean;

    private CimiValue(CimiValueKind kind, string? text, long integer, DateTimeOffset date, bool boolean)
    {
        Kind = kind;
        _text = text;
        _integer = integer;
        _date = date;
        _boolean = boolean;
    }

    public CimiValueKind Kind { get; }

    public static CimiValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new CimiValue(CimiValueKind.Text, value, 0, default, false);
    }

    public static CimiValue FromInt64(long value) => new(CimiValueKind.Number, null, value, default, false);

    public static CimiValue FromDateTimeOffset(DateTimeOffset value) => new(CimiValueKind.Date, null, 0, value, false);

    public static CimiValue FromBoolean(bool value) => new(CimiValueKind.Boolean, null, 0, default, value);

    public static implicit operator CimiValue(string value) => FromString(value);

    public static implicit operator CimiValue(long value) => FromInt64(value);

    public static implicit operator CimiValue(DateTimeOffset value) => FromDateTimeOffset(value);

    public static implicit operator CimiValue(bool value) => FromBoolean(value);

    public string AsText() => Kind == CimiValueKind.Text ? _text ?? "" : throw WrongKind(CimiValueKind.Text);

    public long AsNumber() => Kind == CimiValueKind.Number ? _integer : throw WrongKind(CimiValueKind.Number);

    public DateTimeOffset AsDate() => Kind == CimiValueKind.Date ? _date : throw WrongKind(CimiValueKind.Date);

    public bool AsBoolean() => Kind == CimiValueKind.Boolean ? _boolean : throw WrongKind(CimiValueKind.Boolean);

    /// <summary>
    /// Parses an ISO-8601 date (<c>2012-12-28</c>, midnight UTC) or date-time (<c>2012-12-28T16:23</c>,
    /// <c>2012-12-28T16:23:35</c>, with an optional fraction of up to 7 digits, and an optional <c>Z</c> or
    /// <c>+hh:mm</c>/<c>-hh:mm</c> offset; no offset means UTC).
    /// </summary>
    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateTimeOffset.TryParseExact(
            text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Text as is, integers in invariant digits, dates as ISO-8601 with offset, booleans as true/false.</summary>
    public override string ToString() => Kind switch
    {
        CimiValueKind.Number => _integer.ToString(CultureInfo.InvariantCulture),
        CimiValueKind.Date => _date.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffzzz", CultureInfo.InvariantCulture),
        CimiValueKind.Boolean => _boolean ? "true" : "false",
        _ => _text ?? "",
    };

    private InvalidOperationException WrongKind(CimiValueKind wanted) =>
        new($"The value is {Kind}, not {wanted}.");

    private static string[] BuildDateFormats()
    {
        string[] times = ["", "'T'HH':'mm", "'T'HH':'mm':'ss", "'T'HH':'mm':'ss'.'FFFFFFF"];
        string[] zones = ["", "'Z'", "zzz"];
        var formats = new List<string>();
        foreach (var time in times)
        {
            foreach (var zone in time.Length == 0 ? [""] : zones)
            {
                formats.Add("yyyy'-'MM'-'dd" + time + zone);
            }
        }

        return [.. formats];
    }
}
