namespace Kiln.Jobs;

/// <summary>Wakes waiting workers of this process when a job is enqueued here (other processes poll or use the backend's own notification).</summary>
public sealed class WorkSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = NewSource();

    public void Notify()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _next;
            _next = NewSource();
        }
        fired.TrySetResult();
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
            next = _next.Task;
        try
        {
            await next.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing arrived in time: the caller looks anyway.
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
