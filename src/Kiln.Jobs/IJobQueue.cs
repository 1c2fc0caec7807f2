namespace Kiln.Jobs;

/// <summary>
/// A durable queue of jobs, shared by every worker of a deployment.
/// <para>
/// A job is enqueued (<see cref="JobState.Queued"/>), leased by one worker at a time (<see cref="JobState.Running"/>)
/// with a fresh token per attempt, kept alive by heartbeats, and finished as succeeded, failed or cancelled. A lease
/// that is not renewed in time expires (<see cref="ExpireLeasesAsync"/>): the job is queued again while it has attempts
/// left, and failed otherwise, so no job stays running after its worker died. Cancelling a queued job ends it at
/// once; a running job learns it through its next heartbeat. Jobs of a type are leased in the order they were enqueued.
/// </para>
/// Every method is durable before it returns. Backends pass <c>JobQueueContract</c> in the tests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A job queue is what it is.")]
public interface IJobQueue
{
    /// <summary>Adds a job; <paramref name="payload"/> is opaque to the queue (JSON by convention).</summary>
    Task<Guid> EnqueueAsync(string type, string payload, CancellationToken cancellationToken);

    /// <summary>Leases the oldest queued job of one of <paramref name="types"/> to <paramref name="worker"/>, or returns null when there is none.</summary>
    Task<JobLease?> TryDequeueAsync(IReadOnlyCollection<string> types, string worker, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease. <see cref="HeartbeatResult.CancelRequested"/> asks the worker to stop and finish the job as
    /// cancelled; <see cref="HeartbeatResult.Lost"/> means the lease expired or the job ended elsewhere: stop at once.
    /// </summary>
    Task<HeartbeatResult> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>Ends the leased attempt; false when the lease was lost meanwhile (then nothing is recorded).</summary>
    Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? detail, CancellationToken cancellationToken);

    /// <summary>Cancels a queued job at once, or asks a running one to stop; false when the job is unknown or already ended.</summary>
    Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken);

    Task<JobInfo?> GetAsync(Guid jobId, CancellationToken cancellationToken);

    /// <summary>Number of jobs in a state (queue depth, builds under way).</summary>
    Task<int> CountAsync(JobState state, CancellationToken cancellationToken);

    /// <summary>Requeues or fails running jobs whose lease has expired; returns how many it changed.</summary>
    Task<int> ExpireLeasesAsync(CancellationToken cancellationToken);

    /// <summary>Returns when a job may have been enqueued, or after <paramref name="timeout"/>: workers wait here instead of polling hard.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
