using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kiln.UForge.Wire;

/// <summary>The simple xsd types the documents use (xs:anyURI and enumerations travel as text).</summary>
internal static class Scalars
{
    public static readonly ScalarCodec<string> Text = new(
        "xs:string",
        v => v,
        (string text, [MaybeNullWhen(false)] out string value) =>
        {
            value = text;
            return true;
        },
        (w, v) => w.WriteStringValue(v));

    public static readonly ScalarCodec<bool> Boolean = new(
        "xs:boolean", v => v ? "true" : "false", TryParseBoolean, (w, v) => w.WriteBooleanValue(v));

    public static readonly ScalarCodec<int> Int32 = new(
        "xs:int",
        v => v.ToString(CultureInfo.InvariantCulture),
        (string text, out int value) => int.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        (w, v) => w.WriteNumberValue(v));

    public static readonly ScalarCodec<long> Int64 = new(
        "xs:long",
        v => v.ToString(CultureInfo.InvariantCulture),
        (string text, out long value) => long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        (w, v) => w.WriteNumberValue(v));

    public static readonly ScalarCodec<DateTimeOffset> DateTime = new(
        "xs:dateTime", UForgeTime.Format, UForgeTime.TryParse, (w, v) => w.WriteStringValue(UForgeTime.Format(v)));

    // The lexical space of xs:boolean; "True" or "yes" are not in it.
    private static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim())
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
