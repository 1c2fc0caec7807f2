using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Kiln.UForge;
using Kiln.Server.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Kiln.Server.UForgeApi;

/// <summary>Turns what can go wrong in a request into a uforgeError with the right code, and 404/405 too.</summary>
internal static class ErrorHandling
{
    public static void UseKilnErrors(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && Map(e) is var (status, message))
            {
                if (status >= 500)
                    context.RequestServices.GetRequiredService<ILogger<UForgeError>>().RequestFailed(e, context.Request.Method, context.Request.Path);
                if (CimiApi.CimiProtocol.Serves(context.Request))
                    await CimiApi.CimiErrors.WriteAsync(context, status, message).ConfigureAwait(false);
                else
                    await UForgeErrors.Result(context, status, message).ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.ContentLength is null && context.Response.ContentType is null && CimiApi.CimiProtocol.Serves(context.Request))
                await CimiApi.CimiErrors.WriteAsync(context, context.Response.StatusCode, ReasonFor(context.Response.StatusCode)).ConfigureAwait(false);
            else if (context.Response.ContentLength is null && context.Response.ContentType is null)
                await UForgeErrors.Result(context, context.Response.StatusCode, ReasonFor(context.Response.StatusCode)).ExecuteAsync(context).ConfigureAwait(false);
        });
    }

    private static (int Status, string Message)? Map(Exception e) => e switch
    {
        UForgeFormatException format => (StatusCodes.Status400BadRequest, format.Message),
        ApplianceValidationException invalid => (StatusCodes.Status400BadRequest, invalid.Message),
        CatalogConflictException conflict => (StatusCodes.Status409Conflict, conflict.Message),
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        Kiln.Cimi.CimiFormatException format => (StatusCodes.Status400BadRequest, format.Message),
        Kiln.Cimi.Query.CimiQueryException query => (StatusCodes.Status400BadRequest, query.Message),
        OperationCanceledException => null,
        _ => (StatusCodes.Status500InternalServerError, "Kiln could not complete the request; the server log has the details."),
    };

    private static string ReasonFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "No such resource.",
        StatusCodes.Status405MethodNotAllowed => "This resource does not support that method.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
