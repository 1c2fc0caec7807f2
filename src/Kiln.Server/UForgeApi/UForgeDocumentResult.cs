using Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// Writes a UForge document as XML or JSON (exactly <c>application/xml</c> or <c>application/json</c>, no charset:
/// UForge clients compare the header). A document with a digest gets it as ETag, and a matching If-None-Match gets 304.
/// </summary>
internal sealed class UForgeDocumentResult(object document, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public object Document => document;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if (document is UForgeObject { Digest: { } digest })
        {
            var etag = $"\"{digest}\"";
            response.Headers.ETag = etag;
            if (statusCode == StatusCodes.Status200OK && httpContext.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*"))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = statusCode;
        if (location is not null)
            response.Headers.Location = location;
        // Written whole into memory first (documents are small): one write to the connection, with a Content-Length.
        using var buffer = new MemoryStream();
        if (MediaTypes.WantsJson(httpContext.Request))
        {
            response.ContentType = MediaTypes.Json;
            await UForgeJson.WriteAsync(buffer, document, httpContext.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            response.ContentType = MediaTypes.Xml;
            await UForgeXml.WriteAsync(buffer, document, httpContext.RequestAborted).ConfigureAwait(false);
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
