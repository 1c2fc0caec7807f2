namespace Kiln.UForge;

/// <summary>
/// A body that is not a document Kiln can read: malformed XML or JSON, a DTD, the wrong root element, a value of the
/// wrong type. The message names the place (line and element, or JSON path) so the server can answer 400 with it.
/// </summary>
public sealed class UForgeFormatException : Exception
{
    public UForgeFormatException()
    {
    }

    public UForgeFormatException(string message)
        : base(message)
    {
    }

    public UForgeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The line of an XML body where the problem is (1-based), when known.</summary>
    public int? LineNumber { get; init; }

    /// <summary>The position on <see cref="LineNumber"/> (1-based), when known.</summary>
    public int? LinePosition { get; init; }
}
