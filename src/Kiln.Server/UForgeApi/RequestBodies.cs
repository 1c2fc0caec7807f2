using Kiln.Server.Hosting;
using Kiln.UForge;
using Microsoft.Extensions.Options;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// Reads a request body as a UForge document: XML or JSON by Content-Type (anything else is 415), at most
/// <see cref="KilnOptions.MaxRequestBodyBytes"/> (413 beyond), parsed without DTDs or external entities (400 when malformed).
/// </summary>
internal static class RequestBodies
{
    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class
    {
        var contentType = request.ContentType;
        var json = MediaTypes.IsJson(contentType);
        if (!json && !MediaTypes.IsXml(contentType))
            throw new BadHttpRequestException($"Send the body as application/xml or application/json, not '{contentType}'.",
                StatusCodes.Status415UnsupportedMediaType);
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<KilnOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            throw TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return json
            ? await UForgeJson.ReadAsync<T>(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false)
            : await UForgeXml.ReadAsync<T>(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
