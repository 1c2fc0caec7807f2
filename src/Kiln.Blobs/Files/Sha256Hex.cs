namespace Kiln.Blobs.Files;

/// <summary>SHA-256 digests as text: 64 hex digits, lower case in everything the store returns.</summary>
internal static class Sha256Hex
{
    public static bool IsValid(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);

    /// <summary>The digest in lower case; <see cref="ArgumentException"/> unless it is 64 hex digits.</summary>
    public static string Normalize(string value, string paramName)
    {
        var lower = value.ToLowerInvariant();
        if (!IsValid(lower))
            throw new ArgumentException("A SHA-256 digest is 64 hexadecimal digits.", paramName);
        return lower;
    }
}
