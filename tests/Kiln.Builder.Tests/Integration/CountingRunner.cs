using System.Collections.Concurrent;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tests.Integration;

/// <summary>The real runner, recording which tools a build started.</summary>
internal sealed class CountingRunner : IProcessRunner
{
    private readonly ProcessRunner _inner = new();

    public ConcurrentQueue<string> Started { get; } = new();

    public Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        Started.Enqueue(invocation.Program);
        return _inner.RunAsync(invocation, cancellationToken);
    }
}
