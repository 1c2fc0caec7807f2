namespace Kiln.Blobs.Files;

/// <summary>
/// Where the file store keeps things under its root: <c>.tmp/</c> for files being written, <c>blobs/</c> for the
/// blobs. Key segments become directories, and the last one the file name with a '_' in front
/// (<c>images/42/disk.qcow2</c> is <c>blobs/images/42/_disk.qcow2</c>): no segment starts with '_', so a key and the
/// keys below it ("images/42" and "images/42/disk.qcow2") never want the same name. Directories left empty by a
/// delete are removed.
/// </summary>
internal sealed class FileBlobLayout(string root)
{
    public const char FilePrefix = '_';
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const int PublishAttempts = 10;

    public string TempDirectory { get; } = Path.Combine(root, ".tmp");

    public string BlobDirectory { get; } = Path.Combine(root, "blobs");

    /// <summary>The data file of a valid key.</summary>
    public string FileOf(string key)
    {
        var slash = key.LastIndexOf('/');
        return Path.Combine(BlobDirectory, key[..(slash + 1)] + FilePrefix + key[(slash + 1)..]);
    }

    public void CreateDirectories()
    {
        Directory.CreateDirectory(TempDirectory, DirectoryMode);
        Directory.CreateDirectory(BlobDirectory, DirectoryMode);
    }

    /// <summary>
    /// Renames <paramref name="source"/> over the data file of <paramref name="key"/> in one rename(2), creating its
    /// directory (again, should a delete remove it meanwhile). False when the source is on another file system.
    /// </summary>
    public bool TryPublish(string source, string key)
    {
        var target = FileOf(key);
        var directory = Path.GetDirectoryName(target)!;
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(directory, DirectoryMode);
            var errno = Native.Rename(source, target);
            if (errno == 0)
                return true;
            if (errno == Native.EXDEV)
                return false;
            if (errno != Native.ENOENT || Directory.Exists(directory) || attempt == PublishAttempts)
                throw Native.Error(errno, $"Cannot rename {source} to", target);
        }
    }

    /// <summary>Deletes the data file of <paramref name="key"/>, and the directories that leaves empty; false when there was none.</summary>
    public bool Delete(string key)
    {
        var file = FileOf(key);
        var errno = Native.Unlink(file);
        if (errno == Native.ENOENT)
            return false;
        if (errno != 0)
            throw Native.Error(errno, "Cannot delete", file);
        for (var directory = Path.GetDirectoryName(file)!; directory != BlobDirectory; directory = Path.GetDirectoryName(directory)!)
        {
            if (Native.RemoveDirectory(directory) != 0)
                break; // not empty (or gone): a put may be filling it
        }
        return true;
    }

    /// <summary>The keys starting with a valid prefix and their data files, in ordinal key order; lazily, directory by directory.</summary>
    public IEnumerable<(string Key, string File)> Walk(string prefix)
    {
        var directoryKey = prefix[..(prefix.LastIndexOf('/') + 1)];
        return Walk(Path.Combine(BlobDirectory, directoryKey), directoryKey, prefix);
    }

    private static IEnumerable<(string Key, string File)> Walk(string directory, string directoryKey, string prefix)
    {
        foreach (var (key, path, isDirectory) in Entries(directory, directoryKey, prefix))
        {
            if (!isDirectory)
            {
                yield return (key, path);
                continue;
            }
            foreach (var below in Walk(path, key, prefix))
                yield return below;
        }
    }

    /// <summary>
    /// The entries of one directory that can hold keys with the prefix, sorted so that a depth-first walk gives ordinal
    /// key order (a directory sorts as its key with the '/'). Anything the store did not make is ignored, links included.
    /// </summary>
    private static List<(string Key, string Path, bool IsDirectory)> Entries(string directory, string directoryKey, string prefix)
    {
        var entries = new List<(string Key, string Path, bool IsDirectory)>();
        try
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                    continue;
                var isDirectory = entry is DirectoryInfo;
                var segment = isDirectory ? entry.Name : entry.Name.StartsWith(FilePrefix) ? entry.Name[1..] : "";
                if (!BlobKey.IsValid(segment) || segment.Contains('/', StringComparison.Ordinal))
                    continue;
                var key = directoryKey + segment + (isDirectory ? "/" : "");
                if (key.StartsWith(prefix, StringComparison.Ordinal) || (isDirectory && prefix.StartsWith(key, StringComparison.Ordinal)))
                    entries.Add((key, entry.FullName, isDirectory));
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Removed by a delete meanwhile: nothing below it.
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }
}
