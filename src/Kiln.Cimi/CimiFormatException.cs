namespace Kiln.Cimi;

/// <summary>
/// A request body Kiln cannot read: malformed XML or JSON, a DTD, the wrong root, a value of the wrong kind, or a body
/// larger than the caller allows. The message names the place (line and position in XML, the JSON path) so the
/// server can answer 400 with it as it is.
/// </summary>
public sealed class CimiFormatException : Exception
{
    public CimiFormatException()
    {
    }

    public CimiFormatException(string message)
        : base(message)
    {
    }

    public CimiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The line of an XML or JSON body where the problem is (1-based), when known.</summary>
    public int? LineNumber { get; init; }

    /// <summary>The position on <see cref="LineNumber"/> (1-based), when known.</summary>
    public int? LinePosition { get; init; }

    /// <summary>The JSON path of the value at fault (<c>$.properties.format</c>), when the body is JSON.</summary>
    public string? Path { get; init; }

    /// <summary>True when the body was refused for its size alone (the server may answer 413 instead of 400).</summary>
    public bool IsTooLarge { get; init; }
}
