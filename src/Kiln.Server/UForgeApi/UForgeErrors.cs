using Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>Every non-2xx answer is a <c>uforgeError</c> document, in the format the client asked for.</summary>
internal static class UForgeErrors
{
    public static UForgeDocumentResult Result(HttpContext context, int statusCode, string message, string? messageId = null) =>
        new(Document(context, statusCode, message, messageId), statusCode);

    public static UForgeError Document(HttpContext context, int statusCode, string message, string? messageId) => new()
    {
        StatusCode = statusCode,
        RequestUri = context.Request.Path + context.Request.QueryString,
        RequestMethod = context.Request.Method,
        Timestamp = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        LocalizedErrorMsg = new LocalizedMessage { Message = message, MessageId = messageId ?? $"kiln.error.{statusCode}" },
    };
}
