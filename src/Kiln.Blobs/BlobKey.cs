using System.Text;

namespace Kiln.Blobs;

/// <summary>
/// The rules for blob keys, shared by every backend. This is a security boundary: keys are built from URL parts and
/// end up as file names, so a valid key can only name a place inside the store.
/// <para>
/// A key is 1 to 512 characters of segments separated by '/'; each segment is 1 to 200 characters, starts with an
/// ASCII letter or digit and goes on with ASCII letters, digits, '.', '_' and '-'. So no leading, trailing or double
/// '/', no '.' or '..' segment (nor '..' anywhere), no '\', no control or non-ASCII character (no look-alike of '/' or
/// '.'), no '%': percent-encoded text stays literal and is refused.
/// </para>
/// </summary>
public static class BlobKey
{
    /// <summary>Longest key, in characters.</summary>
    public const int MaxLength = 512;

    /// <summary>Longest segment, in characters (a file name on every file system, with room to spare).</summary>
    public const int MaxSegmentLength = 200;

    /// <summary>True when <paramref name="key"/> is a valid key.</summary>
    public static bool IsValid(string? key) => key is not null && Problem(key) is null;

    /// <summary>Throws <see cref="ArgumentException"/> (naming the key) unless <paramref name="key"/> is a valid key.</summary>
    public static void Validate(string key, string paramName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (Problem(key) is { } problem)
            throw new ArgumentException($"Invalid blob key {Display(key)}: {problem}.", paramName);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="prefix"/> is a valid key, a valid key followed by
    /// one '/', or (when <paramref name="allowEmpty"/>) empty.
    /// </summary>
    public static void ValidatePrefix(string prefix, bool allowEmpty, string paramName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, paramName);
        if (prefix.Length == 0)
        {
            if (allowEmpty)
                return;
            throw new ArgumentException("The blob key prefix must not be empty.", paramName);
        }
        var key = prefix[^1] == '/' ? prefix[..^1] : prefix;
        if (Problem(key) is { } problem)
            throw new ArgumentException($"Invalid blob key prefix {Display(prefix)}: {problem}.", paramName);
    }

    private static string? Problem(string key)
    {
        if (key.Length == 0)
            return "it is empty";
        if (key.Length > MaxLength)
            return $"it is longer than {MaxLength} characters";
        if (key.Contains("..", StringComparison.Ordinal))
            return "it contains '..'";
        var segmentStart = 0;
        for (var i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && key[i] != '/')
            {
                var c = key[i];
                if (i == segmentStart ? !char.IsAsciiLetterOrDigit(c) : !IsSegmentChar(c))
                    return $"character {Display(c.ToString())} at {i} is not allowed there";
                continue;
            }
            if (i == segmentStart)
                return "it has an empty segment";
            if (i - segmentStart > MaxSegmentLength)
                return $"a segment is longer than {MaxSegmentLength} characters";
            segmentStart = i + 1;
        }
        return null;
    }

    private static bool IsSegmentChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    /// <summary>The key quoted for a message, with anything but printable ASCII escaped so logs stay readable and honest.</summary>
    private static string Display(string key)
    {
        var text = new StringBuilder("'");
        foreach (var c in key.Length > MaxLength + 8 ? key[..(MaxLength + 8)] : key)
        {
            if (c is >= ' ' and <= '~' and not '\\' and not '\'')
                text.Append(c);
            else
                text.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        text.Append(key.Length > MaxLength + 8 ? "'..." : "'");
        return text.ToString();
    }
}
