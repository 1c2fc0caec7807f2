namespace Kiln.Server.UForgeApi;

/// <summary>A route that needs an entitlement answers 403 to callers whose roles lack it.</summary>
internal static class EntitlementFilter
{
    public static TBuilder RequireEntitlement<TBuilder>(this TBuilder builder, string entitlement) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Caller().Has(entitlement)
                ? await next(context).ConfigureAwait(false)
                : UForgeErrors.Result(context.HttpContext, StatusCodes.Status403Forbidden, $"This needs the '{entitlement}' entitlement."));
}
