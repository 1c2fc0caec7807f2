namespace Kiln.Server.UForgeApi;

/// <summary>The UForge AppCenter API under /api: which routes exist, who may call them.</summary>
internal static class UForgeApi
{
    public static void MapUForgeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/status", StatusEndpoints.GetStatus).WithName("serviceStatus_get").WithSummary("Is the service alive, its API version and load");

        // Downloads authenticate themselves: a downloadId stands in for credentials.
        api.MapDownloadEndpoints();

        var authenticated = api.MapGroup("").AddEndpointFilter<AuthenticationFilter>();
        authenticated.MapDistributionEndpoints();
        authenticated.MapTargetFormatEndpoints();
        authenticated.MapApplianceEndpoints();
        authenticated.MapImageEndpoints();
        authenticated.MapUserEndpoints();
    }
}
