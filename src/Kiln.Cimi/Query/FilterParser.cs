namespace Kiln.Cimi.Query;

/// <summary>
/// Recursive-descent parser for <c>$filter</c> (DSP0263 1.0.1 §4.1.6.1):
/// <code>
/// Filter   ::= AndExpr ('or' AndExpr)*
/// AndExpr  ::= Comp ('and' Comp)*
/// Comp     ::= Attribute Op Value | Value Op Attribute | PropExpr Op String | String Op PropExpr | '(' Filter ')'
/// PropExpr ::= 'property' '[' String ']'
/// </code>
/// <c>and</c> binds tighter than <c>or</c>; both associate to the left. A comparison needs exactly one
/// attribute or property side; <c>property[...]</c> compares with strings only.
/// </summary>
public static class FilterParser
{
    /// <summary>Longest accepted filter text, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>Deepest accepted nesting of parentheses.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses one <c>$filter</c> value; throws only <see cref="CimiQueryException"/> on bad input.</summary>
    public static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw FilterTokenizer.Error(MaxLength + 1, $"the filter is longer than {MaxLength} characters");
        }

        return new State(text).ParseAll();
    }

    private sealed class State
    {
        private readonly string _text;
        private readonly FilterTokenizer _tokenizer;
        private Token _current;
        private int _depth;
        private int _lastEnd;

        public State(string text)
        {
            _text = text;
            _tokenizer = new FilterTokenizer(text);
            _current = _tokenizer.Next();
        }

        public FilterExpression ParseAll()
        {
            if (_current.Kind == TokenKind.End)
            {
                throw FilterTokenizer.Error(1, "empty filter");
            }

            var filter = ParseOr();
            return _current.Kind switch
            {
                TokenKind.End => filter,
                TokenKind.RightParen => throw FilterTokenizer.Error(_current.Position, "unexpected ')'"),
                _ => throw FilterTokenizer.Error(
                    _current.Position, $"expected 'and', 'or' or the end of the filter but found {Describe(_current)}"),
            };
        }

        private void Advance() => _current = _tokenizer.Next();

        private FilterExpression ParseOr()
        {
            var left = ParseAnd();
            while (_current.Kind == TokenKind.Or)
            {
                Advance();
                left = new OrExpression(left, ParseAnd());
            }

            return left;
        }

        private FilterExpression ParseAnd()
        {
            var left = ParseComparison();
            while (_current.Kind == TokenKind.And)
            {
                Advance();
                left = new AndExpression(left, ParseComparison());
            }

            return left;
        }

        private FilterExpression ParseComparison()
        {
            if (_current.Kind == TokenKind.LeftParen)
            {
                return ParseParenthesized();
            }

            var leftToken = _current;
            var left = ParseOperand()
                ?? throw FilterTokenizer.Error(_current.Position, $"expected a comparison but found {Describe(_current)}");
            var leftText = _text[leftToken.Start.._lastEnd];
            if (_current.Kind != TokenKind.Operator)
            {
                throw FilterTokenizer.Error(_current.Position, $"expected an operator after '{Shorten(leftText)}'");
            }

            var op = _current.Operator;
            var symbol = ComparisonExpression.Symbol(op);
            Advance();
            var rightToken = _current;
            var right = ParseOperand()
                ?? throw FilterTokenizer.Error(_current.Position, $"expected a value after '{symbol}'");
            CheckShape(left, leftToken, right, rightToken, symbol);
            return new ComparisonExpression(left, op, right);
        }

        private FilterExpression ParseParenthesized()
        {
            var open = _current;
            if (++_depth > MaxDepth)
            {
                throw FilterTokenizer.Error(open.Position, $"parentheses nested deeper than {MaxDepth}");
            }

            Advance();
            var inner = ParseOr();
            switch (_current.Kind)
            {
                case TokenKind.RightParen:
                    Advance();
                    _depth--;
                    return inner;
                case TokenKind.End:
                    throw FilterTokenizer.Error(open.Position, "unclosed '('");
                default:
                    throw FilterTokenizer.Error(
                        _current.Position, $"expected 'and', 'or' or ')' but found {Describe(_current)}");
            }
        }

        /// <summary>An attribute, <c>property['k']</c> or literal; null (nothing consumed) when none starts here.</summary>
        private Operand? ParseOperand()
        {
            var token = _current;
            switch (token.Kind)
            {
                case TokenKind.Literal:
                    Consume();
                    return new LiteralOperand(token.Value);
                case TokenKind.Identifier:
                    Consume();
                    if (token.Text == "property" && _current.Kind == TokenKind.LeftBracket)
                    {
                        return ParsePropertyKey();
                    }

                    return new AttributeOperand(token.Text);
                default:
                    return null;
            }
        }

        private PropertyOperand ParsePropertyKey()
        {
            Consume();
            var key = _current;
            if (key.Kind != TokenKind.Literal || key.Value.Kind != CimiValueKind.Text)
            {
                throw FilterTokenizer.Error(key.Position, "expected a quoted key after 'property['");
            }

            Consume();
            if (_current.Kind != TokenKind.RightBracket)
            {
                throw FilterTokenizer.Error(_current.Position, "expected ']' after the property key");
            }

            Consume();
            return new PropertyOperand(key.Value.AsText());
        }

        private void Consume()
        {
            _lastEnd = _current.End;
            Advance();
        }

        private static void CheckShape(Operand left, Token leftToken, Operand right, Token rightToken, string symbol)
        {
            switch (left, right)
            {
                case (AttributeOperand, LiteralOperand):
                case (LiteralOperand, AttributeOperand):
                case (PropertyOperand, LiteralOperand { Value.Kind: CimiValueKind.Text }):
                case (LiteralOperand { Value.Kind: CimiValueKind.Text }, PropertyOperand):
                    return;
                case (PropertyOperand, _):
                    throw FilterTokenizer.Error(rightToken.Position, $"expected a quoted string after '{symbol}' (property values are text)");
                case (_, PropertyOperand):
                    throw FilterTokenizer.Error(leftToken.Position, $"expected a quoted string before '{symbol}' (property values are text)");
                case (AttributeOperand, AttributeOperand other):
                    throw FilterTokenizer.Error(
                        rightToken.Position, $"expected a value after '{symbol}' but found the attribute '{Shorten(other.Name)}' (strings need quotes)");
                default:
                    throw FilterTokenizer.Error(leftToken.Position, $"expected an attribute on one side of '{symbol}'");
            }
        }

        private string Describe(Token token) =>
            token.Kind == TokenKind.End ? "the end of the filter" : $"'{Shorten(_text.Substring(token.Start, token.Length))}'";

        private static string Shorten(string s) => s.Length <= 32 ? s : s[..29] + "...";
    }
}
