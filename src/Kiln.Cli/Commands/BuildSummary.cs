using System.Globalization;
using Kiln.Builder;

namespace Kiln.Cli.Commands;

/// <summary>Prints what a finished build produced: each artefact with its size and sha256 (one line each, easy to copy), cache use and stage times.</summary>
internal static class BuildSummary
{
    public static void Write(BuildReport report)
    {
        var width = report.Artefacts.Max(a => a.Format.Length);
        foreach (var artefact in report.Artefacts)
            // Plain writes, never wrapped to the terminal's width: each line stays whole for copying and for scripts.
            Console.WriteLine($"{artefact.Format.PadRight(width)}  {artefact.Path}  {Size(artefact.SizeBytes)}  sha256:{artefact.Sha256}");
        Console.WriteLine($"base tree {report.BaseKey[..12]}: {(report.BaseCacheHit ? "reused from cache" : "bootstrapped and cached")}");
        Console.WriteLine("stages: " + string.Join(", ", report.Stages.Select(s => $"{s.Stage} {Seconds(s.Elapsed)}"))
            + $"; total {Seconds(report.Elapsed)}");
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";
}
