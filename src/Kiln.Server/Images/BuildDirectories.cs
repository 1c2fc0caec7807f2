using System.Globalization;
using Kiln.Builder.Processes;

namespace Kiln.Server.Images;

/// <summary>
/// Each build attempt writes into its own directory, builds/{image id}-{lease token}. A killed server leaves its
/// attempt's directory (and maybe the tool that was writing it) behind: the retry, or the reconciler once the image
/// is given up, removes them.
/// </summary>
internal static class BuildDirectories
{
    public static string For(string buildsDirectory, long imageId, Guid leaseToken) =>
        Path.Combine(buildsDirectory, string.Create(CultureInfo.InvariantCulture, $"{imageId}-{leaseToken:N}"));

    public static async Task SweepAsync(string buildsDirectory, long imageId, string? except, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(buildsDirectory))
            return;
        foreach (var stale in Directory.EnumerateDirectories(buildsDirectory, string.Create(CultureInfo.InvariantCulture, $"{imageId}-*")))
        {
            if (stale == except)
                continue;
            await LeftoverProcesses.KillAsync(stale, cancellationToken).ConfigureAwait(false);
            Delete(stale);
        }
    }

    public static void Delete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A tool of a killed attempt may still be writing it: the next sweep removes it.
        }
    }
}
