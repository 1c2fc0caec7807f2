using System.Text;

namespace Kiln.Cimi.Query;

/// <summary>The six <c>$filter</c> operators.</summary>
public enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Equal,
    GreaterOrEqual,
    Greater,
    NotEqual,
}

/// <summary>
/// A parsed <c>$filter</c>: <see cref="OrExpression"/>, <see cref="AndExpression"/> or
/// <see cref="ComparisonExpression"/>. <see cref="object.ToString"/> gives canonical filter text that parses back
/// to an equivalent filter.
/// </summary>
public abstract record FilterExpression
{
    private protected FilterExpression()
    {
    }
}

public sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override string ToString() => $"{Left} or {Right}";
}

public sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override string ToString() => $"{Wrap(Left)} and {Wrap(Right)}";

    private static string Wrap(FilterExpression e) => e is OrExpression ? $"({e})" : e.ToString();
}

public sealed record ComparisonExpression(Operand Left, ComparisonOperator Operator, Operand Right) : FilterExpression
{
    public override string ToString() => $"{Left} {Symbol(Operator)} {Right}";

    /// <summary>The operator as written in a filter: <c>&lt;</c>, <c>&lt;=</c>, <c>=</c>, <c>&gt;=</c>, <c>&gt;</c>, <c>!=</c>.</summary>
    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Equal => "=",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Greater => ">",
        _ => "!=",
    };
}

/// <summary>One side of a comparison: an attribute, a <c>property['key']</c> or a literal value.</summary>
public abstract record Operand
{
    private protected Operand()
    {
    }

    /// <summary>A single-quoted filter string; <c>'</c> and <c>\</c> inside are escaped with a backslash.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            if (c is '\'' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('\'').ToString();
    }
}

public sealed record AttributeOperand(string Name) : Operand
{
    public override string ToString() => Name;
}

public sealed record PropertyOperand(string Key) : Operand
{
    public override string ToString() => $"property[{Quote(Key)}]";
}

public sealed record LiteralOperand(CimiValue Value) : Operand
{
    public override string ToString() => Value.Kind == CimiValueKind.Text ? Quote(Value.AsText()) : Value.ToString();
}
