using System.Diagnostics;
using System.Globalization;

namespace Kiln.Builder.Processes;

/// <summary>
/// Tools left running by a Kiln process that was killed (SIGKILL, OOM): they are re-parented and go on writing into
/// the scratch directory or cache staging tree they were given. Before such a directory is swept, the processes whose
/// command line names it, and everything they started, are killed; otherwise the sweep races them (rm: Directory
/// not empty) and a tree being deleted fills up again. Every tool Kiln runs gets its directories as arguments.
/// </summary>
public static class LeftoverProcesses
{
    /// <summary>Kills the processes that name <paramref name="directory"/> (or a path under it) and their descendants; returns how many were found.</summary>
    public static async Task<int> KillAsync(string directory, CancellationToken cancellationToken)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var found = Snapshot().Where(p => p.Pid != Environment.ProcessId && p.Arguments.Any(a => Names(a, prefix))).Select(p => p.Pid).ToList();
        foreach (var pid in found)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended by itself meanwhile.
            }
        }
        for (var wait = 0; wait < 100 && found.Any(Alive); wait++)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        return found.Count;
    }

    /// <summary>An argument names the directory when it is the directory, a path under it, or an option whose value is one (<c>--opt=/dir/x</c>, <c>file=/dir/x</c>).</summary>
    private static bool Names(string argument, string prefix)
    {
        var at = argument.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && argument[at - 1] is not ('=' or ':' or ',')))
            return false;
        var end = at + prefix.Length;
        return end == argument.Length || argument[end] == '/';
    }

    private static bool Alive(int pid)
    {
        try
        {
            // A zombie is dead already: it only waits for its new parent to reap it.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<(int Pid, string[] Arguments)> Snapshot()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // ended meanwhile, or not ours to read
            }
            if (commandLine.Length > 0)
                yield return (pid, commandLine.Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
