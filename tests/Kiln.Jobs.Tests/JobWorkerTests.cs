using System.Collections.Concurrent;
using Kiln.Storage.Sqlite;

namespace Kiln.Jobs.Tests;

/// <summary>The worker against the real embedded queue and the real clock, with short leases.</summary>
public sealed class JobWorkerTests : IDisposable
{
    private static readonly JobQueueOptions QueueOptions = new() { LeaseDuration = TimeSpan.FromMilliseconds(900), MaxAttempts = 2 };
    private readonly TempDatabase _database = new();
    private readonly SqliteJobQueue _queue;
    private readonly CancellationTokenSource _stop = new();

    public JobWorkerTests() => _queue = new SqliteJobQueue(new SqliteDatabase(_database.Path), QueueOptions);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Handler_result_finishes_the_job_as_succeeded()
    {
        var running = Start(new Handler(_ => Task.FromResult<string?>("done")));
        var id = await _queue.EnqueueAsync("test", "x", default);

        var job = await WaitForEndAsync(id);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal("done", job.Detail);
        await StopAsync(running);
    }

    [Fact]
    public async Task Handler_exception_fails_the_job_with_its_message()
    {
        var running = Start(new Handler(_ => throw new InvalidOperationException("disk failed: mke2fs exited with code 1")));
        var id = await _queue.EnqueueAsync("test", "x", default);

        var job = await WaitForEndAsync(id);

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("disk failed: mke2fs exited with code 1", job.Detail);
        await StopAsync(running);
    }

    [Fact]
    public async Task Handler_that_finds_its_subject_cancelled_ends_the_job_as_cancelled()
    {
        var running = Start(new Handler(_ => throw new JobCancelledException("image 7 was cancelled")));
        var id = await _queue.EnqueueAsync("test", "x", default);

        var job = await WaitForEndAsync(id);

        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Equal("image 7 was cancelled", job.Detail);
        await StopAsync(running);
    }

    [Fact]
    public async Task Cancelling_a_running_job_cancels_its_handler_within_a_heartbeat()
    {
        var started = new TaskCompletionSource();
        var running = Start(new Handler(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        }));
        var id = await _queue.EnqueueAsync("test", "x", default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await _queue.CancelAsync(id, default);
        var job = await WaitForEndAsync(id);

        Assert.Equal(JobState.Cancelled, job.State);
        Assert.True(job.FinishedAt - job.StartedAt < TimeSpan.FromSeconds(5));
        await StopAsync(running);
    }

    [Fact]
    public async Task No_more_jobs_run_at_once_than_the_concurrency_and_all_finish()
    {
        var current = 0;
        var peak = 0;
        var running = Start(new Handler(async ct =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(150, ct);
            Interlocked.Decrement(ref current);
            return null;
        }), concurrency: 2);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
            ids.Add(await _queue.EnqueueAsync("test", "x", default));

        foreach (var id in ids)
            Assert.Equal(JobState.Succeeded, (await WaitForEndAsync(id)).State);
        Assert.Equal(2, peak);
        await StopAsync(running);
    }

    [Fact]
    public async Task Job_of_a_worker_that_died_is_retried_by_another_and_completes()
    {
        var id = await _queue.EnqueueAsync("test", "x", default);
        await _queue.TryDequeueAsync(["test"], "crashed-worker", default); // leased, then never heard of again
        var attempts = new ConcurrentBag<int>();
        var running = Start(new Handler(_ => Task.FromResult<string?>("rebuilt"), attempts));

        var job = await WaitForEndAsync(id);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal([2], attempts);
        await StopAsync(running);
    }

    [Fact]
    public async Task Stopping_the_worker_leaves_its_job_to_be_retried_not_failed()
    {
        var started = new TaskCompletionSource();
        var running = Start(new Handler(async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        }));
        var id = await _queue.EnqueueAsync("test", "x", default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await StopAsync(running);
        await Task.Delay(QueueOptions.LeaseDuration * 2);
        await _queue.ExpireLeasesAsync(default);

        Assert.Equal(JobState.Queued, (await _queue.GetAsync(id, default))!.State);
    }

    private Task Start(IJobHandler handler, int concurrency = 1) =>
        new JobWorker(_queue, [handler], new JobWorkerOptions { Concurrency = concurrency, IdlePoll = TimeSpan.FromMilliseconds(200) }, QueueOptions)
            .RunAsync(_stop.Token);

    private async Task StopAsync(Task running)
    {
        await _stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task<JobInfo> WaitForEndAsync(Guid id)
    {
        for (var i = 0; i < 200; i++)
        {
            var job = (await _queue.GetAsync(id, default))!;
            if (job.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled)
                return job;
            await Task.Delay(50);
        }
        throw new TimeoutException($"job {id} did not end");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private sealed class Handler(Func<CancellationToken, Task<string?>> run, ConcurrentBag<int>? attempts = null) : IJobHandler
    {
        public string Type => "test";

        public Task<string?> RunAsync(JobLease lease, CancellationToken cancellationToken)
        {
            attempts?.Add(lease.Attempt);
            return run(cancellationToken);
        }
    }
}
