using Kiln.Jobs;
using Kiln.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Machines;

/// <summary>
/// The worker of capture jobs, in every process that runs machines (their disks are here), whatever its build
/// concurrency: a capture does not wait behind image builds.
/// </summary>
internal sealed class MachineCaptureWorker(IJobQueue queue, MachineCaptureJobHandler handler, JobQueueOptions queueOptions,
    IOptions<KilnOptions> options, TimeProvider time)
{
    public Task RunAsync(CancellationToken stoppingToken) =>
        new JobWorker(queue, [handler], new JobWorkerOptions { Concurrency = 1, HeartbeatInterval = options.Value.HeartbeatInterval },
            queueOptions, time).RunAsync(stoppingToken);
}
