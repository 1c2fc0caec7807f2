using System.Diagnostics;

namespace Kiln.Blobs.Tests.Support;

/// <summary>A tmpfs of a given size mounted on a new directory (needs root, as on this machine and in CI), unmounted on dispose.</summary>
public sealed class TmpfsMount : IDisposable
{
    public TmpfsMount(string path, string size)
    {
        Directory.CreateDirectory(path);
        Path = path;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path);
        if (code != 0)
            throw new InvalidOperationException($"mount tmpfs on {path} failed ({code}): {error}");
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
            Run("umount", "-l", Path); // something still open: detach now, freed when closed
    }

    private static (int Code, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(arguments[0]) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments[1..])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
