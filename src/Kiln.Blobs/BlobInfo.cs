namespace Kiln.Blobs;

/// <summary>What a store knows about one stored blob.</summary>
/// <param name="Key">The blob's key (<see cref="BlobKey"/>).</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lower-case hex digits.</param>
/// <param name="LastModified">When it was put, by the store's <see cref="TimeProvider"/>, to the millisecond.</param>
public sealed record BlobInfo(string Key, long Size, string Sha256, DateTimeOffset LastModified)
{
    /// <summary>A strong HTTP entity tag, quoted: the SHA-256, so equal content has equal tags in every backend.</summary>
    public string ETag => "\"" + Sha256 + "\"";
}
