using Kiln.Cimi.Query;

namespace Kiln.Server.CimiApi;

/// <summary>Attribute values for $filter; an absent value is null (only != matches it).</summary>
internal static class CimiValues
{
    public static CimiValue? Of(string? text) => text is null ? (CimiValue?)null : CimiValue.FromString(text);

    /// <summary>
    /// To whole seconds, as documents show dates (<see cref="Kiln.Cimi.CimiTime"/>): a date a client read from a document
    /// then filters to that document (<c>created=2024-05-01T10:00:00Z</c> matches the image created at 10:00:00.345).
    /// </summary>
    public static CimiValue? Of(DateTimeOffset? time) =>
        time is { } t ? CimiValue.FromDateTimeOffset(t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond))) : (CimiValue?)null;

    public static CimiValue? Of(long? number) => number is { } n ? CimiValue.FromInt64(n) : (CimiValue?)null;

    /// <summary>A number as documents write it (invariant digits).</summary>
    public static string Text(long number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static CimiValue? Of(bool? flag) => flag is { } f ? CimiValue.FromBoolean(f) : (CimiValue?)null;
}
