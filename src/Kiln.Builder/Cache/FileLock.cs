namespace Kiln.Builder.Cache;

/// <summary>
/// An advisory lock on a file, shared or exclusive, held until disposed and released by the kernel if the process dies.
/// .NET takes flock(2) for FileShare.None (exclusive) and FileShare.Read (shared) on Unix, so no native call is needed.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static FileLock? TryAcquire(string path, bool exclusive)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileLock(exclusive
                ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                : new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static async Task<FileLock> AcquireAsync(string path, bool exclusive, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryAcquire(path, exclusive) is { } acquired)
                return acquired;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stream.Dispose();
}
