namespace Kiln.Server.CimiApi;

/// <summary>
/// CIMI's version negotiation: every answer under /cimi says which specification it follows, and a request that
/// names only versions Kiln does not speak (CIMI-Specification-Version: 2.0) is refused with 400.
/// </summary>
internal static class CimiVersion
{
    public const string Header = "CIMI-Specification-Version";
    public const string Spoken = "1.0.1";

    /// <summary>True when the request names no version or one Kiln speaks (any 1.0.x).</summary>
    public static bool Acceptable(HttpRequest request)
    {
        var asked = request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(asked))
            return true;
        return asked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(v => v == "1.0" || v.StartsWith("1.0.", StringComparison.Ordinal));
    }

    public static string? Asked(HttpRequest request) => request.Headers[Header].ToString() is { Length: > 0 } asked ? asked : null;
}
