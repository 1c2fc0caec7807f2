namespace Kiln.Cimi.Query;

internal enum TokenKind
{
    End,
    Identifier,
    And,
    Or,
    Literal,
    Operator,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
}

/// <summary>
/// One <c>$filter</c> token. <see cref="Start"/> is 0-based; <see cref="Text"/> is the identifier's name;
/// <see cref="Value"/> is the literal (strings already unescaped).
/// </summary>
internal readonly record struct Token(
    TokenKind Kind, int Start, int Length, string Text = "", CimiValue Value = default, ComparisonOperator Operator = default)
{
    public int Position => Start + 1;

    public int End => Start + Length;
}
