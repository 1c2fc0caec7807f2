using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Kiln.Builder.Processes;

/// <summary>Runs tools with <see cref="Process"/>; on cancel kills the whole process tree and waits for it.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    private const int StandardOutputLimit = 1024 * 1024;

    public async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var start = new ProcessStartInfo(invocation.Program)
        {
            RedirectStandardInput = invocation.StandardInput is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in invocation.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in invocation.Environment)
            start.Environment[name] = value;
        start.Environment["LC_ALL"] = "C.UTF-8";

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderrTail = new OutputTail(25);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout)
                if (stdout.Length < StandardOutputLimit) stdout.AppendLine(e.Data);
            invocation.OnOutputLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            stderrTail.Add(e.Data);
            invocation.OnOutputLine?.Invoke(e.Data);
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolFailedException(invocation.Program, $"cannot start ({e.Message}); is it installed? Run scripts/setup.sh", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            if (invocation.StandardInput is { } input)
                await WriteInputAsync(process, input, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }

        // WaitForExitAsync returns after the output streams are drained.
        var result = new ToolResult(process.ExitCode, stdout.ToString(), stderrTail.ToString());
        if (!invocation.AcceptedExitCodes.Contains(result.ExitCode))
            throw new ToolFailedException(Path.GetFileName(invocation.Program), result.ExitCode, result.StandardErrorTail);
        return result;
    }

    /// <summary>A tool may exit without reading its input (it failed first): its exit code and stderr tell why, not the broken pipe.</summary>
    private static async Task WriteInputAsync(Process process, string input, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Broken pipe: the exit code decides.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
