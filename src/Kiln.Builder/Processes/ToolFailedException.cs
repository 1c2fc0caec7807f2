namespace Kiln.Builder.Processes;

/// <summary>A host tool failed: names the tool, its exit code and the end of what it wrote to stderr.</summary>
public sealed class ToolFailedException : Exception
{
    public ToolFailedException(string tool, int exitCode, string standardErrorTail)
        : base(Describe(tool, exitCode, standardErrorTail))
    {
        Tool = tool;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    public ToolFailedException(string tool, string message, Exception inner) : base($"{tool}: {message}", inner)
    {
        Tool = tool;
        ExitCode = -1;
        StandardErrorTail = "";
    }

    public string Tool { get; }
    public int ExitCode { get; }
    public string StandardErrorTail { get; }

    private static string Describe(string tool, int exitCode, string tail) =>
        string.IsNullOrWhiteSpace(tail)
            ? $"{tool} exited with code {exitCode}"
            : $"{tool} exited with code {exitCode}:{Environment.NewLine}{tail.TrimEnd()}";
}
