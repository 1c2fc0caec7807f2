using System.Runtime.CompilerServices;
using Kiln.Blobs.Files;

namespace Kiln.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> on a local file system.
/// <para>
/// Layout under the root: <c>blobs/</c> holds one file per blob (<c>images/42/disk.qcow2</c> is
/// <c>blobs/images/42/_disk.qcow2</c>, mode 0640; see <see cref="FileBlobLayout"/>), <c>.tmp/</c> the files being
/// written.
/// </para>
/// <para>
/// Atomicity: a put writes a new file in <c>.tmp/</c>, hashing as it goes, records size, SHA-256 and time in an
/// extended attribute of that file (<see cref="BlobAttribute"/>), flushes it to disk, and renames it over the blob's
/// file: rename(2) swaps the whole inode in one step, data and metadata together. So there is no sidecar that could
/// disagree with the data, readers get both from the file they opened (an open file keeps its inode after a
/// replace or delete), concurrent puts simply race to rename and the last one wins, and a failed put deletes its own
/// file and leaves the old blob untouched. A file whose attribute is missing or stale (copied without extended
/// attributes) has its metadata derived again from the data on first read. <see cref="PutFileAsync"/> renames the
/// caller's file into place when it is on the same file system, else copies it through <c>.tmp/</c>.
/// </para>
/// <para>
/// Leftovers: a writer keeps a shared flock(2) on its temp file, released by the kernel if the process dies.
/// <see cref="SweepTemporaryFiles"/> (run by the constructor, and worth running now and then) deletes the temp files
/// nobody holds, and never a live writer's, whichever process it is in.
/// </para>
/// </summary>
public sealed partial class FileBlobStore : IBlobStore
{
    private readonly FileBlobLayout _layout;
    private readonly TimeProvider _time;

    /// <summary>
    /// Opens the store at <see cref="FileBlobStoreOptions.RootDirectory"/>, creating it if needed, and sweeps temp files
    /// left by dead writers. <see cref="NotSupportedException"/> when the file system has no user extended attributes.
    /// </summary>
    public FileBlobStore(FileBlobStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(options.RootDirectory);
        _layout = new FileBlobLayout(Path.GetFullPath(options.RootDirectory));
        _time = time;
        _layout.CreateDirectories();
        using (var probe = TemporaryFile.Create(_layout.TempDirectory))
            BlobAttribute.Write(probe.Stream.SafeFileHandle, probe.Path, 0, new string('0', 64), DateTimeOffset.UnixEpoch);
        SweepTemporaryFiles();
    }

    /// <summary>
    /// Makes <paramref name="destination"/> (a path that does not exist yet, on the store's file system) a hard link to
    /// the blob's current file: the blob's bytes without copying them, and a file that stays whole and unchanged when the
    /// blob is later replaced or deleted (those replace or unlink the name, never the file). False when there is no
    /// blob or the link cannot be made (another file system, a destination that exists): then copy instead.
    /// </summary>
    public bool TryLink(string key, string destination)
    {
        BlobKey.Validate(key);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return Native.Link(_layout.FileOf(key), Path.GetFullPath(destination)) == 0;
    }

    /// <summary>Deletes temp files left by writers that died (killed process), never a live writer's; returns how many.</summary>
    public int SweepTemporaryFiles() => TemporaryFile.Sweep(_layout.TempDirectory);

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        using var file = OpenData(_layout.FileOf(key));
        return file is null ? null : await DescribeAsync(key, file, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobStream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested)
            ArgumentOutOfRangeException.ThrowIfNegative(requested, nameof(length));
        cancellationToken.ThrowIfCancellationRequested();
        var file = OpenData(_layout.FileOf(key));
        if (file is null)
            return null;
        try
        {
            var info = await DescribeAsync(key, file, cancellationToken).ConfigureAwait(false);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, info.Size);
            var rangeLength = length ?? info.Size - offset;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rangeLength, info.Size - offset, nameof(length));
            file.Seek(offset, SeekOrigin.Begin);
            return new BlobStream(info, file, offset, rangeLength);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_layout.Delete(key));
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        BlobKey.ValidatePrefix(prefix, allowEmpty: false);
        var deleted = 0;
        foreach (var (key, _) in _layout.Walk(prefix).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_layout.Delete(key))
                deleted++;
        }
        return Task.FromResult(deleted);
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        BlobKey.ValidatePrefix(prefix, allowEmpty: true);
        return List(prefix, cancellationToken);
    }

    private async IAsyncEnumerable<BlobInfo> List(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (key, path) in _layout.Walk(prefix))
        {
            cancellationToken.ThrowIfCancellationRequested();
            BlobInfo info;
            using (var file = OpenData(path))
            {
                if (file is null)
                    continue; // deleted since the walk saw it
                info = await DescribeAsync(key, file, cancellationToken).ConfigureAwait(false);
            }
            yield return info;
        }
    }

    /// <summary>Opens a blob's data file for reading, or null when there is none.</summary>
    private static FileStream? OpenData(string path)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The metadata of an open data file: from its attribute, or derived from its bytes when that is missing or stale.</summary>
    private static async Task<BlobInfo> DescribeAsync(string key, FileStream file, CancellationToken cancellationToken)
    {
        var size = file.Length;
        if (BlobAttribute.Read(file.SafeFileHandle, file.Name, size) is { } stored)
            return new BlobInfo(key, size, stored.Sha256, stored.Modified);
        (size, var sha256) = await HashingCopy.CopyAsync(file, null, cancellationToken).ConfigureAwait(false);
        var modified = ToMilliseconds(new DateTimeOffset(File.GetLastWriteTimeUtc(file.SafeFileHandle)));
        try
        {
            BlobAttribute.Write(file.SafeFileHandle, file.Name, size, sha256, modified);
        }
        catch (IOException)
        {
            // A store we may not write to: derive it again next time.
        }
        return new BlobInfo(key, size, sha256, modified);
    }

    private static DateTimeOffset ToMilliseconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
