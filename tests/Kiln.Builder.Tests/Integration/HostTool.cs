using Kiln.Builder.Processes;

namespace Kiln.Builder.Tests.Integration;

/// <summary>Runs a host tool from a test and returns what it printed.</summary>
internal static class HostTool
{
    private static readonly ProcessRunner Runner = new();

    public static async Task<string> RunAsync(string program, params string[] arguments) =>
        (await Runner.RunAsync(new ToolInvocation(program, arguments), CancellationToken.None)).StandardOutput;

    public static async Task<ToolResult> TryRunAsync(string program, params string[] arguments)
    {
        try
        {
            return await Runner.RunAsync(new ToolInvocation(program, arguments), CancellationToken.None);
        }
        catch (ToolFailedException e)
        {
            return new ToolResult(e.ExitCode, "", e.StandardErrorTail);
        }
    }
}
