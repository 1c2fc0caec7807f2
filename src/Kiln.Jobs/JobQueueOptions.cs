namespace Kiln.Jobs;

/// <summary>Lease and retry settings of a queue.</summary>
public sealed class JobQueueOptions
{
    /// <summary>How long a lease lasts without a heartbeat. Workers beat every third of it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per job: 2 retries a job once after its worker died, then fails it.</summary>
    public int MaxAttempts { get; init; } = 2;
}
