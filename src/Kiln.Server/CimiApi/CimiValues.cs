using Kiln.Cimi.Query;

namespace Kiln.Server.CimiApi;

/// <summary>Attribute values for $filter; an absent value is null (only != matches it).</summary>
internal static class CimiValues
{
    public static CimiValue? Of(string? text) => text is null ? (CimiValue?)null : CimiValue.FromString(text);

    public static CimiValue? Of(DateTimeOffset? time) => time is { } t ? CimiValue.FromDateTimeOffset(t) : (CimiValue?)null;

    public static CimiValue? Of(long? number) => number is { } n ? CimiValue.FromInt64(n) : (CimiValue?)null;

    public static CimiValue? Of(bool? flag) => flag is { } f ? CimiValue.FromBoolean(f) : (CimiValue?)null;
}
