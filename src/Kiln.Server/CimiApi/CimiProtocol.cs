namespace Kiln.Server.CimiApi;

/// <summary>
/// What holds for every request under /cimi, before routing: the answer names the CIMI version it follows, and a
/// request naming only versions Kiln does not speak is refused with 400.
/// </summary>
internal static class CimiProtocol
{
    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments("/cimi", StringComparison.Ordinal);

    public static void UseCimiProtocol(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (!Serves(context.Request))
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[CimiVersion.Header] = CimiVersion.Spoken;
                return Task.CompletedTask;
            });
            if (!CimiVersion.Acceptable(context.Request))
            {
                await CimiErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                    $"Kiln speaks CIMI {CimiVersion.Spoken}, not {CimiVersion.Asked(context.Request)}.").ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
}
