namespace Kiln.Blobs;

/// <summary>Settings of a <see cref="FileBlobStore"/>.</summary>
public sealed class FileBlobStoreOptions
{
    /// <summary>
    /// The store's directory (created if missing), on a local file system with user extended attributes (ext4, XFS,
    /// Btrfs, tmpfs): <c>var/blobs</c> in the embedded deployment. Files to take over with
    /// <see cref="FileBlobStore.PutFileAsync"/> are moved without copying when they are on the same file system.
    /// </summary>
    public required string RootDirectory { get; init; }
}
