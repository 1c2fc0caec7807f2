namespace Kiln.Blobs;

/// <summary>
/// Stores blobs (built images and their other artefacts, up to tens of gigabytes) under keys, each one whole or not at all.
/// <para>
/// Keys: segments separated by '/', each <c>[A-Za-z0-9][A-Za-z0-9._-]*</c>, at most 512 characters (<see cref="BlobKey"/>).
/// Every member rejects an invalid key or prefix with <see cref="ArgumentException"/> before touching storage, so a key
/// built from parts of a URL cannot reach outside the store. Keys are flat names, as in S3: "images/42" and
/// "images/42/disk.qcow2" are two independent blobs, and a prefix is a plain string prefix ("images/4" matches
/// "images/42/disk.qcow2"; end it with '/' to mean one "folder").
/// </para>
/// <para>
/// Atomicity: a put replaces the blob in one step. Readers see the old blob or the whole new one, never a part of
/// either; a put that fails or is cancelled leaves the previous blob (or none) and nothing else behind. Concurrent puts
/// of one key all complete and the last to commit wins. A stream keeps reading the version it opened even if the blob
/// is replaced or deleted meanwhile.
/// </para>
/// <para>
/// Callers may assume: content is streamed, never held in memory whole; a <see cref="BlobInfo"/> always describes the
/// bytes it came with (the SHA-256 is of exactly those bytes); listings are in ordinal key order. Callers may not
/// assume that two calls see the same version: <see cref="GetInfoAsync"/> then <see cref="OpenReadAsync"/> can straddle
/// a replacement, so compare <see cref="BlobStream.Info"/> with what was announced (its ETag) before serving a range.
/// Backends pass <c>BlobStoreContract</c> in the tests.
/// </para>
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end, seekable or not) under <paramref name="key"/>, replacing any
    /// blob there atomically, and returns what was stored. Size and SHA-256 are computed while writing. On an
    /// exception from <paramref name="content"/>, an I/O error (disk full: <see cref="IOException"/>) or cancellation,
    /// the previous blob stays as it was.
    /// </summary>
    Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over the finished local file at <paramref name="path"/> (a built image) as the blob under
    /// <paramref name="key"/>, atomically as <see cref="PutAsync"/>; the file is gone afterwards. A backend moves it
    /// without copying where it can (the file store renames it when it is on the same file system). When
    /// <paramref name="knownSha256"/> (64 hex digits) is given the file is not read to hash it: the caller vouches for
    /// it, though a backend that reads the file anyway may check it and throw <see cref="InvalidDataException"/>.
    /// On failure the file is left at <paramref name="path"/>.
    /// </summary>
    Task<BlobInfo> PutFileAsync(string key, string path, string? knownSha256, CancellationToken cancellationToken);

    /// <summary>Size, SHA-256, last-modified time and ETag of the blob under <paramref name="key"/>, or null when there is none.</summary>
    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="length"/> bytes (null: up to the end) of the blob from <paramref name="offset"/>, for an
    /// HTTP 200 or 206 response, or returns null when there is no blob. The range is checked against the version
    /// actually opened (<see cref="BlobStream.Info"/>): <see cref="ArgumentOutOfRangeException"/> when it does not
    /// lie within it. An empty range, at the end included, is valid. The caller disposes the stream.
    /// </summary>
    Task<BlobStream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Deletes the blob under <paramref name="key"/>; false when there was none. Open streams keep reading it.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every blob whose key starts with <paramref name="prefix"/> (all artefacts of one image: "images/42/")
    /// and returns how many. The prefix must not be empty. Not a snapshot: a blob put under the prefix meanwhile may
    /// survive, and a cancelled call may have deleted some blobs already.
    /// </summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// The blobs whose key starts with <paramref name="prefix"/> ("" for all), in ordinal key order. Not a snapshot:
    /// a blob deleted meanwhile is left out; one put meanwhile may or may not appear.
    /// </summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken);
}
