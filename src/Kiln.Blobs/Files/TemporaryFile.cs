namespace Kiln.Blobs.Files;

/// <summary>
/// A file being written under the store's temp directory (<c>*.part</c>), deleted on dispose unless it was moved into
/// place. Its writer holds a shared flock(2) on it from creation to dispose (.NET takes one for any FileShare but
/// None), and the kernel drops it when the process dies: so a sweeper that can take the exclusive lock knows the writer
/// is gone. Readers of published blobs take shared locks too, which never conflict with this one.
/// </summary>
internal sealed class TemporaryFile : IDisposable
{
    public const string Extension = ".part";
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const int Attempts = 5;
    private bool _published;

    private TemporaryFile(string path, FileStream stream)
    {
        Path = path;
        Stream = stream;
    }

    public string Path { get; }

    /// <summary>Unbuffered: a failed write (disk full) fails the call that made it.</summary>
    public FileStream Stream { get; }

    public static TemporaryFile Create(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + Extension);
            FileStream stream;
            try
            {
                stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0, UnixCreateMode = Mode,
                });
            }
            catch (IOException) when (attempt < Attempts)
            {
                continue; // a sweeper held the new file for the instant between create and lock; it may be gone
            }
            // A sweeper can take the file between create and lock and delete it before letting go: then it is not ours.
            if (File.Exists(path))
            {
                File.SetUnixFileMode(stream.SafeFileHandle, Mode); // whatever the umask
                return new TemporaryFile(path, stream);
            }
            stream.Dispose();
            if (attempt == Attempts)
                throw new IOException($"Cannot create a temporary file in {directory}: it keeps disappearing.");
        }
    }

    /// <summary>Says the file was renamed into place, so dispose must not delete it.</summary>
    public void MarkPublished() => _published = true;

    /// <summary>Deletes temp files whose writer is gone (no lock held) and returns how many.</summary>
    public static int Sweep(string directory)
    {
        var swept = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            FileStream held;
            try
            {
                held = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (IOException)
            {
                continue; // locked: its writer is alive
            }
            using (held)
            {
                // Deleted while locked, so a writer that just created it sees it gone (see Create).
                if (Native.Unlink(path) == 0)
                    swept++;
            }
        }
        return swept;
    }

    public void Dispose()
    {
        if (!_published)
            Native.Unlink(Path);
        Stream.Dispose();
    }
}
