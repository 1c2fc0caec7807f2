using Kiln.Server.Security;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// Every route but /api/status needs a known caller: 401 with a Basic challenge otherwise. A route under
/// /users/{uid} acts for that user: another user's uid answers 404 (as if it did not exist) unless the caller
/// administrates users.
/// </summary>
internal sealed class AuthenticationFilter(Authenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var principal = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Kiln\"";
            return UForgeErrors.Result(http, StatusCodes.Status401Unauthorized, "Authentication is required: HTTP Basic or a signed API key.");
        }
        if (http.GetRouteValue("uid") is string uid && uid != principal.Login && !principal.Has(Catalog.Entitlements.UserAdministrate))
            return UForgeErrors.Result(http, StatusCodes.Status404NotFound, $"No user '{uid}'.");
        http.Items[typeof(KilnPrincipal)] = principal;
        return await next(context).ConfigureAwait(false);
    }
}

/// <summary>The caller an authentication filter (UForge's or CIMI's) found for this request.</summary>
internal static class PrincipalAccess
{
    public static KilnPrincipal Caller(this HttpContext context) => (KilnPrincipal)context.Items[typeof(KilnPrincipal)]!;
}
