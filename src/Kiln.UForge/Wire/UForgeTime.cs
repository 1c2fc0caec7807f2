using System.Globalization;

namespace Kiln.UForge.Wire;

/// <summary>Dates as UForge writes them: UTC with milliseconds, <c>2018-04-16T11:43:59.000Z</c>.</summary>
internal static class UForgeTime
{
    private const string Written = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    // Any xs:dateTime: the fraction and the zone are optional; a date without a zone is taken as UTC.
    private static readonly string[] Accepted = ["yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK"];

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Written, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text.Trim(), Accepted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
