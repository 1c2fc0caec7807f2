using Microsoft.Net.Http.Headers;

namespace Kiln.Server.CimiApi;

internal enum CimiFormat
{
    Xml,
    Json,
}

/// <summary>
/// CIMI's choice of representation: <c>?format=xml|json</c> wins; otherwise the most preferred of the Accept header's
/// media types Kiln speaks, where no Accept means XML and a bare <c>*/*</c> means JSON (as CIMI clients expect).
/// </summary>
internal static class CimiRepresentation
{
    public const string Xml = "application/xml";
    public const string Json = "application/json";

    public static CimiFormat Of(HttpRequest request)
    {
        if (request.Query.TryGetValue("format", out var format) && format.Count > 0)
            return format.ToString().ToLowerInvariant() switch
            {
                "xml" => CimiFormat.Xml,
                "json" => CimiFormat.Json,
                _ => throw new BadHttpRequestException($"format: '{format}' is neither xml nor json"),
            };
        if (!MediaTypeHeaderValue.TryParseList([.. request.Headers.Accept.Select(v => v ?? "")], out var accepted) || accepted.Count == 0)
            return CimiFormat.Xml;
        CimiFormat? best = null;
        var bestQuality = 0.0;
        foreach (var media in accepted)
        {
            var quality = media.Quality ?? 1.0;
            var candidate = media.MediaType.Value?.ToLowerInvariant() switch
            {
                Json => CimiFormat.Json,
                Xml or "text/xml" => CimiFormat.Xml,
                "*/*" or "application/*" => CimiFormat.Json,
                _ => (CimiFormat?)null,
            };
            if (candidate is not null && quality > bestQuality)
                (best, bestQuality) = (candidate, quality);
        }
        return best ?? CimiFormat.Xml;
    }

    public static string ContentType(CimiFormat format) => format == CimiFormat.Json ? Json : Xml;

    /// <summary>Request bodies are read by their Content-Type: XML (application/xml, text/xml) or JSON; anything else is 415.</summary>
    public static CimiFormat OfBody(HttpRequest request)
    {
        var type = request.ContentType is { } header && MediaTypeHeaderValue.TryParse(header, out var media) ? media.MediaType.Value?.ToLowerInvariant() : null;
        return type switch
        {
            Json => CimiFormat.Json,
            Xml or "text/xml" => CimiFormat.Xml,
            _ => throw new BadHttpRequestException($"Send the body as application/xml or application/json, not '{request.ContentType}'.",
                StatusCodes.Status415UnsupportedMediaType),
        };
    }
}
