namespace Kiln.Jobs;

/// <summary>
/// Takes jobs from the queue and runs them with their handler, <see cref="JobWorkerOptions.Concurrency"/> at a time.
/// While a job runs, its lease is renewed; a cancellation seen in a heartbeat cancels the handler, which ends the job
/// as cancelled (as does a handler throwing <see cref="JobCancelledException"/>); a lost lease stops the handler without recording anything (the job belongs to someone else now).
/// A job left running by a stopped process is requeued or failed by the queue when its lease expires.
/// </summary>
public sealed class JobWorker(IJobQueue queue, IEnumerable<IJobHandler> handlers, JobWorkerOptions options, JobQueueOptions queueOptions,
    TimeProvider? time = null)
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Type);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(slot => LoopAsync($"{options.Name}#{slot}", stopping)));

    private async Task LoopAsync(string worker, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await queue.ExpireLeasesAsync(stopping).ConfigureAwait(false);
                if (await queue.TryDequeueAsync(_handlers.Keys, worker, stopping).ConfigureAwait(false) is { } lease)
                    await RunJobAsync(lease, stopping).ConfigureAwait(false);
                else
                    await queue.WaitForWorkAsync(options.IdlePoll, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunJobAsync(JobLease lease, CancellationToken stopping)
    {
        using var job = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var ending = JobEnding.None;
        using var heartbeats = new CancellationTokenSource();
        var beating = BeatAsync(lease, job, e => ending = e, heartbeats.Token);
        JobOutcome outcome;
        string? detail;
        try
        {
            detail = await _handlers[lease.Type].RunAsync(lease, job.Token).ConfigureAwait(false);
            outcome = JobOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (ending == JobEnding.Cancelled)
        {
            (outcome, detail) = (JobOutcome.Cancelled, "cancelled");
        }
        catch (JobCancelledException e)
        {
            (outcome, detail) = (JobOutcome.Cancelled, e.Message);
        }
        catch (OperationCanceledException) when (ending == JobEnding.Lost || stopping.IsCancellationRequested)
        {
            // Lost: someone else owns it now. Stopping: the lease will expire and the queue retries it.
            await heartbeats.CancelAsync().ConfigureAwait(false);
            await beating.ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // A job's failure, whatever it is, is recorded on the job, never raised in the worker.
        catch (Exception e)
#pragma warning restore CA1031
        {
            (outcome, detail) = (JobOutcome.Failed, e.Message);
        }
        await heartbeats.CancelAsync().ConfigureAwait(false);
        await beating.ConfigureAwait(false);
        await queue.FinishAsync(lease, outcome, detail, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task BeatAsync(JobLease lease, CancellationTokenSource job, Action<JobEnding> end, CancellationToken cancellationToken)
    {
        var interval = options.HeartbeatInterval ?? queueOptions.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                var result = await queue.HeartbeatAsync(lease, cancellationToken).ConfigureAwait(false);
                if (result == HeartbeatResult.Alive)
                    continue;
                end(result == HeartbeatResult.CancelRequested ? JobEnding.Cancelled : JobEnding.Lost);
                await job.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended first.
        }
    }

    private enum JobEnding
    {
        None,
        Cancelled,
        Lost,
    }
}
