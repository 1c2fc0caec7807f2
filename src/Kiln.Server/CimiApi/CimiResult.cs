using System.Security.Cryptography;
using Kiln.Cimi;

namespace Kiln.Server.CimiApi;

/// <summary>
/// A CIMI document in the negotiated representation, with exactly <c>application/xml</c> or <c>application/json</c>
/// as Content-Type. The ETag is the resource's digest when it has one (so If-Match on PUT and DELETE compares
/// revisions, whatever the representation read), marked with the representation and selection; otherwise a hash
/// of the bytes. A matching If-None-Match answers 304.
/// </summary>
internal sealed class CimiResult(object document, int statusCode = StatusCodes.Status200OK) : IResult
{
    public string? Digest { get; init; }

    public string? Location { get; init; }

    public string? JobUri { get; init; }

    public IReadOnlySet<string>? Select { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var format = CimiRepresentation.Of(httpContext.Request);
        using var buffer = new MemoryStream();
        if (format == CimiFormat.Json)
            CimiJson.Write(buffer, document, Select);
        else
            CimiXml.Write(buffer, document, Select);
        var response = httpContext.Response;
        var etag = CimiETag.Of(Digest, format, Select, buffer);
        response.Headers.ETag = etag;
        if (statusCode == StatusCodes.Status200OK && CimiETag.Matches(httpContext.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = statusCode;
        response.ContentType = CimiRepresentation.ContentType(format);
        response.ContentLength = buffer.Length;
        if (Location is not null)
            response.Headers.Location = Location;
        if (JobUri is not null)
            response.Headers["CIMI-Job-URI"] = JobUri;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>ETags of CIMI answers: <c>"DIGEST.x"</c> (XML) or <c>"DIGEST.j"</c> (JSON), with a selection mark when $select narrowed it.</summary>
internal static class CimiETag
{
    public static string Of(string? digest, CimiFormat format, IReadOnlySet<string>? select, MemoryStream bytes)
    {
        var basis = digest ?? Convert.ToHexStringLower(SHA256.HashData(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)))[..32];
        var selection = select is null ? "" : "-" + Convert.ToHexStringLower(SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join(',', select.Order(StringComparer.Ordinal)))))[..8];
        return $"\"{basis}{selection}.{(format == CimiFormat.Json ? 'j' : 'x')}\"";
    }

    public static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag) =>
        header.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(v => v == "*" || v == etag || v == "W/" + etag);

    /// <summary>If-Match against a resource's digest: any representation of the current revision matches; absent means no condition.</summary>
    public static bool IfMatchFails(HttpRequest request, string digest)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
            return false;
        var tags = header.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        return !tags.Any(t => t == "*" || Strip(t).Split('.')[0].Split('-')[0] == digest);
    }

    private static string Strip(string tag) => (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag).Trim('"');
}
