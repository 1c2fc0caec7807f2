using Kiln.Blobs.Files;

namespace Kiln.Blobs;

/// <summary>Puts: a new file in <c>.tmp/</c> (or the caller's own file), metadata attribute, fsync, one rename over the blob.</summary>
public sealed partial class FileBlobStore
{
    public async Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        using var temp = TemporaryFile.Create(_layout.TempDirectory);
        var (size, sha256) = await HashingCopy.CopyAsync(content, temp.Stream, cancellationToken).ConfigureAwait(false);
        var info = Publish(key, temp.Stream, temp.Path, size, sha256, cancellationToken);
        temp.MarkPublished();
        return info;
    }

    public async Task<BlobInfo> PutFileAsync(string key, string path, string? knownSha256, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var known = knownSha256 is null ? null : Sha256Hex.Normalize(knownSha256, nameof(knownSha256));
        path = Path.GetFullPath(path);
        cancellationToken.ThrowIfCancellationRequested();
        // A link is copied through, never moved in as a link.
        if (new FileInfo(path).LinkTarget is null && await TryMoveAsync(key, path, known, cancellationToken).ConfigureAwait(false) is { } moved)
            return moved;
        return await CopyAsync(key, path, known, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Renames the caller's file into <c>.tmp/</c> (null, having done nothing, when that crosses file systems), then
    /// over the blob; on failure renames it back. Locked from the start, so a sweeper leaves it alone in <c>.tmp/</c>.
    /// </summary>
    private async Task<BlobInfo?> TryMoveAsync(string key, string path, string? knownSha256, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0,
        });
        var staged = Path.Combine(_layout.TempDirectory, Guid.NewGuid().ToString("N") + TemporaryFile.Extension);
        var errno = Native.Rename(path, staged);
        if (errno == Native.EXDEV)
            return null;
        if (errno != 0)
            throw Native.Error(errno, $"Cannot move {path} to", staged);
        var published = false;
        try
        {
            var size = file.Length;
            var sha256 = knownSha256 ?? (await HashingCopy.CopyAsync(file, null, cancellationToken).ConfigureAwait(false)).Sha256;
            File.SetUnixFileMode(file.SafeFileHandle, TemporaryFile.Mode);
            var info = Publish(key, file, staged, size, sha256, cancellationToken);
            published = true;
            return info;
        }
        finally
        {
            if (!published)
                Native.Rename(staged, path);
        }
    }

    /// <summary>Copies the caller's file through <c>.tmp/</c>, checking a known SHA-256 on the way, then deletes it.</summary>
    private async Task<BlobInfo> CopyAsync(string key, string path, string? knownSha256, CancellationToken cancellationToken)
    {
        var source = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0 });
        BlobInfo info;
        using (source)
        using (var temp = TemporaryFile.Create(_layout.TempDirectory))
        {
            var (size, sha256) = await HashingCopy.CopyAsync(source, temp.Stream, cancellationToken).ConfigureAwait(false);
            if (knownSha256 is not null && knownSha256 != sha256)
                throw new InvalidDataException($"{path} has SHA-256 {sha256}, not {knownSha256} as given.");
            info = Publish(key, temp.Stream, temp.Path, size, sha256, cancellationToken);
            temp.MarkPublished();
        }
        File.Delete(path);
        return info;
    }

    /// <summary>Records the metadata on the finished file, flushes it to disk and renames it over the blob: the commit.</summary>
    private BlobInfo Publish(string key, FileStream file, string path, long size, string sha256, CancellationToken cancellationToken)
    {
        var info = new BlobInfo(key, size, sha256, ToMilliseconds(_time.GetUtcNow()));
        BlobAttribute.Write(file.SafeFileHandle, path, size, sha256, info.LastModified);
        file.Flush(flushToDisk: true);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.TryPublish(path, key))
            throw new IOException($"Cannot rename {path} into the blob directory: a different file system is mounted inside the store.");
        return info;
    }
}
