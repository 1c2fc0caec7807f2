using Kiln.Builder.Cache;
using Kiln.Builder.Processes;

namespace Kiln.Builder;

/// <summary>
/// A build's scratch directory (tree, raw disk, intermediates), locked while the build runs and deleted when it
/// ends, whatever the outcome. Directories whose lock nobody holds belong to killed builds and are swept.
/// </summary>
internal sealed class Workspace : IAsyncDisposable
{
    private readonly IProcessRunner _runner;
    private readonly FileLock _lock;

    private Workspace(string path, FileLock held, IProcessRunner runner)
    {
        Path = path;
        _lock = held;
        _runner = runner;
    }

    public string Path { get; }
    public string Tree => System.IO.Path.Combine(Path, "tree");
    public string RawDisk => System.IO.Path.Combine(Path, "disk.raw");
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static Workspace Create(string root, IProcessRunner runner)
    {
        var path = System.IO.Path.Combine(root, "build-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var held = FileLock.TryAcquire(path + ".lock", exclusive: true) ?? throw new IOException($"cannot lock {path}");
        return new Workspace(path, held, runner);
    }

    public static async Task SweepAsync(string root, IProcessRunner runner, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
            return;
        foreach (var dir in Directory.EnumerateDirectories(root, "build-*"))
        {
            using var held = FileLock.TryAcquire(dir + ".lock", exclusive: true);
            if (held is null)
                continue;
            await LeftoverProcesses.KillAsync(dir, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(runner, dir, cancellationToken).ConfigureAwait(false);
            System.IO.File.Delete(dir + ".lock");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DeleteAsync(_runner, Path, CancellationToken.None).ConfigureAwait(false);
            System.IO.File.Delete(Path + ".lock");
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private static async Task DeleteAsync(IProcessRunner runner, string path, CancellationToken cancellationToken) =>
        await runner.RunAsync(Tools.RemoveTree.Of(path), cancellationToken).ConfigureAwait(false);
}
