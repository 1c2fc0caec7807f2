namespace Kiln.Jobs;

/// <summary>
/// Thrown by a handler that found what its job works on cancelled or gone (a user cancelled it through another
/// path than the queue, or deleted it): the job ends as cancelled rather than failed.
/// </summary>
public sealed class JobCancelledException : Exception
{
    public JobCancelledException()
    {
    }

    public JobCancelledException(string message) : base(message)
    {
    }

    public JobCancelledException(string message, Exception inner) : base(message, inner)
    {
    }
}
