using System.Globalization;

namespace Kiln.Machines;

/// <summary>
/// Tells a live process from a dead one, and one process from a later one given the same pid: the kernel's start time
/// of a process (field 22 of /proc/PID/stat, in clock ticks since boot) never changes while it lives.
/// </summary>
public static class ProcessIdentity
{
    /// <summary>The start time of <paramref name="pid"/>, or null when there is no such live process (a zombie is dead).</summary>
    public static long? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] == "Z" || fields[0] == "X")
            return null;
        return long.Parse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="pid"/> is alive, is the process that started at <paramref name="startTime"/>, and names <paramref name="argument"/> on its command line.</summary>
    public static bool IsSame(int pid, long startTime, string argument)
    {
        if (StartTime(pid) != startTime)
            return false;
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return commandLine.Contains(argument, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
