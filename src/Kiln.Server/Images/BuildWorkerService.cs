using Kiln.Jobs;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Images;

/// <summary>
/// Runs this process's build worker for as long as the service runs (none when BuildConcurrency is 0: an API-only
/// process). Stopping leaves unfinished builds to their lease: they are retried once after a restart.
/// </summary>
internal sealed class BuildWorkerService(JobWorker worker, IOptions<KilnOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.BuildConcurrency > 0 ? worker.RunAsync(stoppingToken) : Task.CompletedTask;
}
