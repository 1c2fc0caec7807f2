namespace Kiln.Builder;

/// <summary>A build stopped at a stage; the message says which stage and why (a tool's exit code and stderr tail, a full disk, ...).</summary>
public sealed class BuildFailedException : Exception
{
    public BuildFailedException(string stage, Exception inner) : base($"{stage} failed: {inner.Message}", inner) => Stage = stage;

    public string Stage { get; }
}
