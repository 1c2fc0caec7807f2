namespace Kiln.Cimi.Query;

/// <summary>
/// Evaluates a parsed <c>$filter</c> against one resource.
/// </summary>
/// <remarks>
/// An attribute the resource lacks, or a property key it lacks, is null: a comparison with null is true only for
/// <c>!=</c>. Two present values of incompatible kinds (see <see cref="CimiValueComparison"/>, e.g. an integer and
/// a date, or a text that does not read as a date compared with a date) make the comparison false for every
/// operator, <c>!=</c> included; it is never an error. <c>property['k']</c> compares its text.
/// </remarks>
public static class FilterEvaluator
{
    public static bool Matches(FilterExpression filter, ICimiQueryable resource)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(resource);
        return Evaluate(filter, resource);
    }

    /// <summary>The comparison rule on two resolved values (null = missing).</summary>
    public static bool Compare(CimiValue? left, ComparisonOperator op, CimiValue? right)
    {
        if (left is null || right is null)
        {
            return op == ComparisonOperator.NotEqual;
        }

        if (CimiValueComparison.CompareForFilter(left.Value, right.Value) is not { } order)
        {
            return false;
        }

        return op switch
        {
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order != 0,
        };
    }

    private static bool Evaluate(FilterExpression filter, ICimiQueryable resource) => filter switch
    {
        OrExpression or => Evaluate(or.Left, resource) || Evaluate(or.Right, resource),
        AndExpression and => Evaluate(and.Left, resource) && Evaluate(and.Right, resource),
        ComparisonExpression c => Compare(Resolve(c.Left, resource), c.Operator, Resolve(c.Right, resource)),
        _ => throw new ArgumentException($"Unknown filter node {filter.GetType().Name}.", nameof(filter)),
    };

    private static CimiValue? Resolve(Operand operand, ICimiQueryable resource) => operand switch
    {
        AttributeOperand a => resource.GetAttribute(a.Name),
        PropertyOperand p => resource.GetProperty(p.Key) is { } text ? CimiValue.FromString(text) : (CimiValue?)null,
        LiteralOperand l => l.Value,
        _ => throw new ArgumentException($"Unknown operand {operand.GetType().Name}.", nameof(operand)),
    };
}
