using Kiln.Cimi;

namespace Kiln.Server.CimiApi;

/// <summary>CIMI errors: a small error document in the negotiated representation (CIMI's schema has none).</summary>
internal static class CimiErrors
{
    public static IResult Result(HttpContext context, int status, string message) => new ErrorResult(status, message);

    public static Task WriteAsync(HttpContext context, int status, string message) => new ErrorResult(status, message).ExecuteAsync(context);

    private sealed class ErrorResult(int status, string message) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            CimiFormat format;
            try
            {
                format = CimiRepresentation.Of(httpContext.Request);
            }
            catch (BadHttpRequestException)
            {
                format = CimiFormat.Xml; // the error may be about ?format= itself
            }
            var error = new CimiError(status, message, httpContext.Request.Path + httpContext.Request.QueryString);
            using var buffer = new MemoryStream();
            if (format == CimiFormat.Json)
                CimiJson.Write(buffer, error);
            else
                CimiXml.Write(buffer, error);
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = CimiRepresentation.ContentType(format);
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
