using Microsoft.Net.Http.Headers;

namespace Kiln.Server.UForgeApi;

/// <summary>XML or JSON, as UForge clients ask: XML unless the Accept header prefers JSON.</summary>
internal static class MediaTypes
{
    public const string Xml = "application/xml";
    public const string Json = "application/json";

    public static bool WantsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
            return false;
        var json = Quality(accepted, Json);
        var xml = Math.Max(Quality(accepted, Xml), Quality(accepted, "text/xml"));
        return json > 0 && json > xml;
    }

    public static bool IsJson(string? contentType) => Is(contentType, Json);

    public static bool IsXml(string? contentType) => Is(contentType, Xml) || Is(contentType, "text/xml");

    private static bool Is(string? contentType, string mediaType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType) =>
        accepted.Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();
}
