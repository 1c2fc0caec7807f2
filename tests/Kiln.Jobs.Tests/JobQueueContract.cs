
namespace Kiln.Jobs.Tests;

/// <summary>What every <see cref="IJobQueue"/> backend must do. A backend's test class derives from this one.</summary>
public abstract class JobQueueContract
{
    protected static readonly JobQueueOptions Options = new() { LeaseDuration = TimeSpan.FromSeconds(30), MaxAttempts = 2 };
    protected ManualTimeProvider Time { get; } = new();
    private static readonly string[] Build = ["build"];

    protected abstract IJobQueue CreateQueue(TimeProvider time, JobQueueOptions options);

    private IJobQueue NewQueue() => CreateQueue(Time, Options);

    [Fact]
    public async Task Enqueued_job_is_leased_once_with_its_payload()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", """{"image":1}""", default);

        var lease = await queue.TryDequeueAsync(Build, "w1", default);

        Assert.NotNull(lease);
        Assert.Equal(id, lease.JobId);
        Assert.Equal("""{"image":1}""", lease.Payload);
        Assert.Equal(1, lease.Attempt);
        Assert.Null(await queue.TryDequeueAsync(Build, "w2", default));
        var job = await queue.GetAsync(id, default);
        Assert.Equal(JobState.Running, job!.State);
        Assert.Equal("w1", job.Worker);
    }

    [Fact]
    public async Task Jobs_are_leased_in_enqueue_order_and_only_for_the_types_asked()
    {
        var queue = NewQueue();
        var first = await queue.EnqueueAsync("build", "1", default);
        var publish = await queue.EnqueueAsync("publish", "p", default);
        var second = await queue.EnqueueAsync("build", "2", default);

        Assert.Equal(first, (await queue.TryDequeueAsync(Build, "w", default))!.JobId);
        Assert.Equal(second, (await queue.TryDequeueAsync(Build, "w", default))!.JobId);
        Assert.Null(await queue.TryDequeueAsync(Build, "w", default));
        Assert.Equal(publish, (await queue.TryDequeueAsync(["publish", "build"], "w", default))!.JobId);
        Assert.Null(await queue.TryDequeueAsync([], "w", default));
    }

    [Fact]
    public async Task Finished_job_records_outcome_and_detail_and_is_not_leased_again()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", "x", default);
        var lease = (await queue.TryDequeueAsync(Build, "w", default))!;
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await queue.FinishAsync(lease, JobOutcome.Failed, "mke2fs exited with code 1", default));

        var job = (await queue.GetAsync(id, default))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("mke2fs exited with code 1", job.Detail);
        Assert.Equal(Time.GetUtcNow(), job.FinishedAt);
        Assert.False(await queue.FinishAsync(lease, JobOutcome.Succeeded, null, default));
        Assert.Equal(HeartbeatResult.Lost, await queue.HeartbeatAsync(lease, default));
    }

    [Fact]
    public async Task Heartbeats_keep_a_lease_alive_past_its_first_term()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", "x", default);
        var lease = (await queue.TryDequeueAsync(Build, "w", default))!;
        for (var i = 0; i < 5; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(HeartbeatResult.Alive, await queue.HeartbeatAsync(lease, default));
        }

        Assert.Equal(0, await queue.ExpireLeasesAsync(default));
        Assert.Equal(JobState.Running, (await queue.GetAsync(id, default))!.State);
    }

    [Fact]
    public async Task Expired_lease_requeues_the_job_then_fails_it_when_attempts_run_out()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", "x", default);
        var first = (await queue.TryDequeueAsync(Build, "dead", default))!;
        Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(1, await queue.ExpireLeasesAsync(default));
        Assert.Equal(JobState.Queued, (await queue.GetAsync(id, default))!.State);
        Assert.Equal(HeartbeatResult.Lost, await queue.HeartbeatAsync(first, default));
        Assert.False(await queue.FinishAsync(first, JobOutcome.Succeeded, null, default));

        var second = (await queue.TryDequeueAsync(Build, "w2", default))!;
        Assert.Equal(2, second.Attempt);
        Assert.NotEqual(first.Token, second.Token);
        Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await queue.ExpireLeasesAsync(default));

        var job = (await queue.GetAsync(id, default))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("stopped answering on attempt 2 of 2", job.Detail, StringComparison.Ordinal);
        Assert.Null(await queue.TryDequeueAsync(Build, "w3", default));
    }

    [Fact]
    public async Task Heartbeat_after_the_lease_expired_is_lost_even_before_the_queue_notices()
    {
        var queue = NewQueue();
        await queue.EnqueueAsync("build", "x", default);
        var lease = (await queue.TryDequeueAsync(Build, "w", default))!;
        Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(HeartbeatResult.Lost, await queue.HeartbeatAsync(lease, default));
    }

    [Fact]
    public async Task Cancelling_a_queued_job_ends_it_at_once()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", "x", default);

        Assert.True(await queue.CancelAsync(id, default));

        Assert.Equal(JobState.Cancelled, (await queue.GetAsync(id, default))!.State);
        Assert.Null(await queue.TryDequeueAsync(Build, "w", default));
        Assert.False(await queue.CancelAsync(id, default));
        Assert.False(await queue.CancelAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task Cancelling_a_running_job_reaches_its_worker_through_the_heartbeat()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", "x", default);
        var lease = (await queue.TryDequeueAsync(Build, "w", default))!;

        Assert.True(await queue.CancelAsync(id, default));
        Assert.Equal(JobState.Running, (await queue.GetAsync(id, default))!.State);
        Assert.Equal(HeartbeatResult.CancelRequested, await queue.HeartbeatAsync(lease, default));
        Assert.True(await queue.FinishAsync(lease, JobOutcome.Cancelled, "cancelled", default));

        Assert.Equal(JobState.Cancelled, (await queue.GetAsync(id, default))!.State);
    }

    [Fact]
    public async Task A_cancelled_job_whose_worker_died_ends_cancelled_not_retried()
    {
        var queue = NewQueue();
        var id = await queue.EnqueueAsync("build", "x", default);
        await queue.TryDequeueAsync(Build, "dead", default);
        await queue.CancelAsync(id, default);
        Time.Advance(TimeSpan.FromSeconds(31));

        await queue.ExpireLeasesAsync(default);

        Assert.Equal(JobState.Cancelled, (await queue.GetAsync(id, default))!.State);
        Assert.Null(await queue.TryDequeueAsync(Build, "w", default));
    }

    [Fact]
    public async Task Counts_follow_the_states()
    {
        var queue = NewQueue();
        for (var i = 0; i < 3; i++)
            await queue.EnqueueAsync("build", i.ToString(System.Globalization.CultureInfo.InvariantCulture), default);
        var lease = (await queue.TryDequeueAsync(Build, "w", default))!;
        await queue.FinishAsync(lease, JobOutcome.Succeeded, null, default);
        await queue.TryDequeueAsync(Build, "w", default);

        Assert.Equal(1, await queue.CountAsync(JobState.Queued, default));
        Assert.Equal(1, await queue.CountAsync(JobState.Running, default));
        Assert.Equal(1, await queue.CountAsync(JobState.Succeeded, default));
    }

    [Fact]
    public async Task Concurrent_workers_never_lease_the_same_job()
    {
        var queue = NewQueue();
        var ids = new List<Guid>();
        for (var i = 0; i < 60; i++)
            ids.Add(await queue.EnqueueAsync("build", "x", default));

        var leased = await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            while (await queue.TryDequeueAsync(Build, "w" + w, default) is { } lease)
                mine.Add(lease.JobId);
            return mine;
        })));

        var all = leased.SelectMany(l => l).ToList();
        Assert.Equal(ids.Count, all.Count);
        Assert.Equal(ids.Order(), all.Order());
    }

    [Fact]
    public async Task Waiting_for_work_returns_soon_after_an_enqueue()
    {
        var queue = CreateQueue(TimeProvider.System, Options);
        var waiting = queue.WaitForWorkAsync(TimeSpan.FromMinutes(5), default);

        await queue.EnqueueAsync("build", "x", default);

        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10))));
    }
}
