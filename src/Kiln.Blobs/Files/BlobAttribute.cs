using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Kiln.Blobs.Files;

/// <summary>
/// A blob's metadata, kept in an extended attribute of its data file (<c>user.kiln.blob</c>:
/// <c>v1 sha256=... size=... modified=unix-ms</c>). It lives in the same inode as the bytes, so the rename that
/// publishes the data publishes the metadata with it, and a reader gets both from the file it has open.
/// </summary>
internal static class BlobAttribute
{
    private const string Name = "user.kiln.blob";

    /// <summary>Writes the attribute; throws <see cref="IOException"/> on failure.</summary>
    public static void Write(SafeFileHandle file, string path, long size, string sha256, DateTimeOffset modified)
    {
        var value = string.Create(CultureInfo.InvariantCulture, $"v1 sha256={sha256} size={size} modified={modified.ToUnixTimeMilliseconds()}");
        if (Native.SetAttribute(file, Name, Encoding.ASCII.GetBytes(value)) is var errno and not 0)
            throw errno == Native.EOPNOTSUPP
                ? new NotSupportedException($"The file system of {path} does not support user extended attributes, which the file blob store keeps its metadata in.")
                : Native.Error(errno, "Cannot write the blob metadata of", path);
    }

    /// <summary>
    /// Reads the attribute; null when it is missing or unreadable, or does not match the file's <paramref name="size"/>
    /// (the file was changed or restored behind the store's back: then the caller derives the metadata again).
    /// </summary>
    public static (string Sha256, DateTimeOffset Modified)? Read(SafeFileHandle file, string path, long size)
    {
        var buffer = new byte[256];
        var length = Native.GetAttribute(file, Name, buffer);
        if (length is -Native.ENODATA or -Native.ERANGE or -Native.EOPNOTSUPP)
            return null;
        if (length < 0)
            throw Native.Error(-length, "Cannot read the blob metadata of", path);
        var fields = Encoding.ASCII.GetString(buffer, 0, length).Split(' ');
        if (fields is not ["v1", var sha, var sizeText, var modifiedText]
            || !TryField(sha, "sha256=", out var sha256) || !Sha256Hex.IsValid(sha256)
            || !TryField(sizeText, "size=", out var sizeValue) || sizeValue != size.ToString(CultureInfo.InvariantCulture)
            || !TryField(modifiedText, "modified=", out var ms) || !long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs)
            || unixMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return null;
        return (sha256, DateTimeOffset.FromUnixTimeMilliseconds(unixMs));
    }

    private static bool TryField(string field, string name, out string value)
    {
        value = field.StartsWith(name, StringComparison.Ordinal) ? field[name.Length..] : "";
        return value.Length > 0;
    }
}
