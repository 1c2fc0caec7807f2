namespace Kiln.Builder.Processes;

/// <summary>Runs host tools. Every build stage goes through this one door.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs the tool to completion. Throws <see cref="ToolFailedException"/> when it exits with a code not accepted,
    /// and <see cref="OperationCanceledException"/> after killing the tool and its children when cancelled.
    /// </summary>
    Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
