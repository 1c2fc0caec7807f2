namespace Kiln.Cimi.Query;

/// <summary>
/// A collection query parameter (<c>$filter</c>, <c>$select</c>, <c>$expand</c>, <c>$first</c>, <c>$last</c>,
/// <c>$orderby</c>) could not be understood; a server answers 400 with <see cref="Exception.Message"/>.
/// </summary>
/// <remarks>
/// The message reads <c>"{Parameter}: {Reason} at position {Position}"</c> (without the position part when
/// <see cref="Position"/> is null), e.g. <c>$filter: expected an operator after 'name' at position 6</c>.
/// </remarks>
public sealed class CimiQueryException : Exception
{
    public CimiQueryException()
        : this("query", null, "invalid query")
    {
    }

    public CimiQueryException(string message)
        : base(message)
    {
        Parameter = "query";
        Reason = message;
    }

    public CimiQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = "query";
        Reason = message;
    }

    public CimiQueryException(string parameter, int? position, string reason)
        : base(Format(parameter, position, reason))
    {
        Parameter = parameter;
        Position = position;
        Reason = reason;
    }

    /// <summary>The query parameter at fault, e.g. <c>$filter</c>.</summary>
    public string Parameter { get; }

    /// <summary>1-based character position of the error in that parameter's text, or null when none applies.</summary>
    public int? Position { get; }

    /// <summary>The message without the parameter name and the position.</summary>
    public string Reason { get; }

    private static string Format(string parameter, int? position, string reason) =>
        position is { } p ? $"{parameter}: {reason} at position {p}" : $"{parameter}: {reason}";
}
