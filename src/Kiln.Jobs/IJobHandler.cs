namespace Kiln.Jobs;

/// <summary>Does one type of job. Returns the job's result; throws to fail it; stops promptly when its token is cancelled.</summary>
public interface IJobHandler
{
    string Type { get; }

    Task<string?> RunAsync(JobLease lease, CancellationToken cancellationToken);
}
