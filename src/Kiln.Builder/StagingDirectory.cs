using Kiln.Builder.Cache;
using Kiln.Builder.Processes;

namespace Kiln.Builder;

/// <summary>
/// A hidden directory inside the output directory where artefacts are written. On success they are renamed into
/// the output directory (same file system: atomic); otherwise the directory is deleted, so no partial file is ever
/// seen under an artefact's name. A lock inside it tells a live build's directory from a killed one's.
/// </summary>
internal sealed class StagingDirectory : IAsyncDisposable
{
    private const string Prefix = ".kiln-partial-";
    private readonly IProcessRunner _runner;
    private readonly FileLock _lock;

    private StagingDirectory(string path, FileLock held, IProcessRunner runner)
    {
        Path = path;
        _lock = held;
        _runner = runner;
    }

    public string Path { get; }

    public static StagingDirectory Create(string outputDirectory, IProcessRunner runner)
    {
        Directory.CreateDirectory(outputDirectory);
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(outputDirectory), Prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var held = FileLock.TryAcquire(System.IO.Path.Combine(path, ".lock"), exclusive: true) ?? throw new IOException($"cannot lock {path}");
        return new StagingDirectory(path, held, runner);
    }

    public static IReadOnlyList<Artefact> Publish(IReadOnlyList<Artefact> artefacts, string outputDirectory) =>
        [.. artefacts.Select(a =>
        {
            var final = System.IO.Path.Combine(System.IO.Path.GetFullPath(outputDirectory), System.IO.Path.GetFileName(a.Path));
            File.Move(a.Path, final, overwrite: true);
            return a with { Path = final };
        })];

    public static async Task SweepAsync(string outputDirectory, IProcessRunner runner)
    {
        if (!Directory.Exists(outputDirectory))
            return;
        foreach (var dir in Directory.EnumerateDirectories(outputDirectory, Prefix + "*"))
        {
            using var held = FileLock.TryAcquire(System.IO.Path.Combine(dir, ".lock"), exclusive: true);
            if (held is not null)
                await runner.RunAsync(Tools.RemoveTree.Of(dir), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runner.RunAsync(Tools.RemoveTree.Of(Path), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lock.Dispose();
        }
    }
}
