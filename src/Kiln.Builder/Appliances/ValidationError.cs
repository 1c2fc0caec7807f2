namespace Kiln.Builder.Appliances;

/// <summary>One problem in an appliance definition or build request: the field (a JSON path) and what is wrong.</summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Thrown before any tool runs when the definition or request cannot be built.</summary>
public sealed class ApplianceValidationException : Exception
{
    public ApplianceValidationException(IReadOnlyList<ValidationError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<ValidationError> Errors { get; }
}
