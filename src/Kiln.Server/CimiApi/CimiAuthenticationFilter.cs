using Kiln.Server.Security;

namespace Kiln.Server.CimiApi;

/// <summary>Everything under /cimi but the entry point needs a Kiln user (HTTP Basic, as CIMI clients send); 401 with a CIMI error otherwise.</summary>
internal sealed class CimiAuthenticationFilter(Authenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var principal = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Kiln\"";
            return CimiErrors.Result(http, StatusCodes.Status401Unauthorized, "Authentication is required: HTTP Basic with a Kiln user.");
        }
        http.Items[typeof(KilnPrincipal)] = principal;
        return await next(context).ConfigureAwait(false);
    }
}
