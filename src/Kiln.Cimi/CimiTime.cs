using System.Globalization;

namespace Kiln.Cimi;

/// <summary>
/// CIMI dates (xs:dateTime, ISO 8601 with a zone), to whole seconds: <c>2012-12-28T14:23:35Z</c> for UTC (what Kiln
/// writes), <c>2012-12-28T16:23:35+02:00</c> for another offset.
/// </summary>
public static class CimiTime
{
    // Any xs:dateTime with a zone; the fraction is optional. A date without a zone is taken as UTC.
    private static readonly string[] Accepted = ["yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK"];

    public static string Format(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateTimeOffset.TryParseExact(
            text.Trim(), Accepted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
