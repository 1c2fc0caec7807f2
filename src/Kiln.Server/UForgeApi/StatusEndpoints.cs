using Kiln.Server.Hosting;
using Kiln.UForge;
using Microsoft.Extensions.Options;

namespace Kiln.Server.UForgeApi;

internal static class StatusEndpoints
{
    /// <summary>No authentication: clients read it first to check the API version they talk to.</summary>
    public static UForgeDocumentResult GetStatus(IOptions<KilnOptions> options) =>
        new(new ServiceStatus { Alive = true, Version = options.Value.UForgeApiVersion, ServiceLoad = 0 });
}
