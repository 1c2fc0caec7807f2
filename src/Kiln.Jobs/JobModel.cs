namespace Kiln.Jobs;

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>How a worker ends an attempt.</summary>
public enum JobOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}

public enum HeartbeatResult
{
    /// <summary>The lease was extended: go on.</summary>
    Alive,

    /// <summary>The lease was extended, but the job was cancelled: stop and finish it as cancelled.</summary>
    CancelRequested,

    /// <summary>The lease is gone (expired, or the job ended): stop without finishing.</summary>
    Lost,
}

/// <summary>One attempt at a job, held by one worker. <see cref="Token"/> tells this attempt from any later one.</summary>
public sealed record JobLease(Guid JobId, Guid Token, string Type, string Payload, int Attempt, DateTimeOffset ExpiresAt);

/// <summary>A job as the queue records it.</summary>
/// <param name="Detail">The result on success, or why it failed or was cancelled.</param>
public sealed record JobInfo(
    Guid Id,
    string Type,
    string Payload,
    JobState State,
    int Attempts,
    int MaxAttempts,
    bool CancelRequested,
    string? Worker,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? LeaseExpiresAt,
    string? Detail);
