namespace Kiln.Server.UForgeApi;

/// <summary>
/// Writes a UForge document as XML or JSON (exactly <c>application/xml</c> or <c>application/json</c>, no charset:
/// UForge clients compare the header). A document with a digest gets it as ETag, and a matching If-None-Match gets 304.
/// </summary>
internal sealed class UForgeDocumentResult : IResult
{
    private readonly object? _document;
    private readonly RenderedDocument? _rendered;
    private readonly int _statusCode;
    private readonly string? _location;

    public UForgeDocumentResult(object document, int statusCode = StatusCodes.Status200OK, string? location = null)
    {
        _document = document;
        _statusCode = statusCode;
        _location = location;
    }

    /// <summary>A document written before for this request's representation (a kept list), sent as it is with 200.</summary>
    public UForgeDocumentResult(RenderedDocument rendered)
    {
        _rendered = rendered;
        _statusCode = StatusCodes.Status200OK;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if ((_rendered is not null ? _rendered.ETag : RenderedDocument.ETagOf(_document!)) is { } etag)
        {
            response.Headers.ETag = etag;
            if (_statusCode == StatusCodes.Status200OK && httpContext.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*"))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = _statusCode;
        if (_location is not null)
            response.Headers.Location = _location;
        var rendered = _rendered
            ?? await RenderedDocument.RenderAsync(_document!, MediaTypes.WantsJson(httpContext.Request), httpContext.RequestAborted).ConfigureAwait(false);
        response.ContentType = rendered.ContentType;
        response.ContentLength = rendered.Body.Length;
        await response.Body.WriteAsync(rendered.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
