namespace Kiln.Builder.Processes;

/// <summary>A host tool to run: the program, its arguments as a list (never a shell string), optional stdin text.</summary>
public sealed record ToolInvocation(string Program, IReadOnlyList<string> Arguments)
{
    public string? StandardInput { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Called with each line the tool writes to stdout or stderr, e.g. to report progress.</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Exit codes that are not failures (e.g. qemu-img check's 63 for "not supported").</summary>
    public IReadOnlyList<int> AcceptedExitCodes { get; init; } = [0];

    public override string ToString() => Program + " " + string.Join(' ', Arguments.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+%".Contains(c)) ? argument : $"'{argument}'";
}

/// <summary>What a tool did: its exit code and output.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardErrorTail);
