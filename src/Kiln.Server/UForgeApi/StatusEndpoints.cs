using Kiln.Jobs;
using Kiln.Server.Hosting;
using Kiln.UForge;
using Microsoft.Extensions.Options;

namespace Kiln.Server.UForgeApi;

internal static class StatusEndpoints
{
    /// <summary>
    /// No authentication: clients read it first to check the API version they talk to. The load is the number of
    /// builds running or waiting, so a client (or a balancer) can see how busy the factory is.
    /// </summary>
    public static async Task<UForgeDocumentResult> GetStatus(IOptions<KilnOptions> options, IJobQueue queue, CancellationToken cancellationToken)
    {
        var load = await queue.CountAsync(JobState.Running, cancellationToken).ConfigureAwait(false)
            + await queue.CountAsync(JobState.Queued, cancellationToken).ConfigureAwait(false);
        return new UForgeDocumentResult(new ServiceStatus { Alive = true, Version = options.Value.UForgeApiVersion, ServiceLoad = load });
    }
}
