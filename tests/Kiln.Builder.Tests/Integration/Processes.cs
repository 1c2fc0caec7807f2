namespace Kiln.Builder.Tests.Integration;

/// <summary>Looks for live processes by their command line, to prove a cancelled build left none running.</summary>
internal static class Processes
{
    public static IReadOnlyList<string> WithArgument(string fragment) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => TryRead(Path.Combine(d, "cmdline")))
            .Where(c => c.Contains(fragment, StringComparison.Ordinal))];

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
