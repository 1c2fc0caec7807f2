namespace Kiln.Jobs;

public sealed class JobWorkerOptions
{
    /// <summary>Jobs run at once by this process; the rest wait in the queue, in order.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Names this process in the queue (which worker holds which job).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Longest wait between two looks at the queue when no wake-up arrives.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a running job's lease is renewed; a third of the lease by default.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }
}
