using System.Globalization;
using System.Text;

namespace Kiln.Cimi.Query;

/// <summary>
/// Splits <c>$filter</c> text into tokens, one at a time, so that errors come out left to right.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Whitespace between tokens is free; none is needed around operators and parentheses.</item>
/// <item>Names: an ASCII letter or <c>_</c>, then ASCII letters, digits or <c>_</c>. <c>and</c>, <c>or</c>,
/// <c>true</c>, <c>false</c> are keywords, lowercase only (<c>AND</c> is a name).</item>
/// <item>Numbers: <c>-?[0-9]+</c>, a 64-bit integer. A word starting with a digit that is neither a number nor an
/// ISO-8601 date (see <see cref="CimiValue.TryParseDate"/>) is an error, so <c>1and</c> needs a space.</item>
/// <item>Strings: in single or double quotes. Inside, <c>\'</c>, <c>\"</c> and <c>\\</c> stand for the second
/// character; a backslash before any other character is kept as is; the opening quote written twice
/// (<c>'it''s'</c>) stands for one quote — unambiguous because two strings never follow each other.</item>
/// </list>
/// </remarks>
internal sealed class FilterTokenizer(string text)
{
    private int _pos;

    public Token Next()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }

        if (_pos >= text.Length)
        {
            return new Token(TokenKind.End, text.Length, 0);
        }

        var start = _pos;
        var c = text[_pos];
        switch (c)
        {
            case '(':
                return Single(TokenKind.LeftParen);
            case ')':
                return Single(TokenKind.RightParen);
            case '[':
                return Single(TokenKind.LeftBracket);
            case ']':
                return Single(TokenKind.RightBracket);
            case '=':
                return Operator(ComparisonOperator.Equal, 1);
            case '<':
                return Peek(1) == '='
                    ? Operator(ComparisonOperator.LessOrEqual, 2)
                    : Operator(ComparisonOperator.Less, 1);
            case '>':
                return Peek(1) == '='
                    ? Operator(ComparisonOperator.GreaterOrEqual, 2)
                    : Operator(ComparisonOperator.Greater, 1);
            case '!':
                return Peek(1) == '='
                    ? Operator(ComparisonOperator.NotEqual, 2)
                    : throw Error(start + 1, "unexpected '!' (the operator is '!=')");
            case '\'' or '"':
                return ReadString(c);
        }

        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumberOrDate();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ReadName();
        }

        throw Error(start + 1, $"unexpected character {Show(c)}");
    }

    internal static CimiQueryException Error(int position, string reason) => new("$filter", position, reason);

    private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

    private Token Single(TokenKind kind) => new(kind, _pos++, 1);

    private Token Operator(ComparisonOperator op, int length)
    {
        var token = new Token(TokenKind.Operator, _pos, length, Operator: op);
        _pos += length;
        return token;
    }

    private Token ReadName()
    {
        var start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
        {
            _pos++;
        }

        var name = text[start.._pos];
        return name switch
        {
            "and" => new Token(TokenKind.And, start, _pos - start),
            "or" => new Token(TokenKind.Or, start, _pos - start),
            "true" => new Token(TokenKind.Literal, start, _pos - start, Value: CimiValue.FromBoolean(true)),
            "false" => new Token(TokenKind.Literal, start, _pos - start, Value: CimiValue.FromBoolean(false)),
            _ => new Token(TokenKind.Identifier, start, _pos - start, Text: name),
        };
    }

    private Token ReadNumberOrDate()
    {
        var start = _pos;
        _pos++;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is ':' or '.' or '+' or '-'))
        {
            _pos++;
        }

        var word = text[start.._pos];
        var digits = word.StartsWith('-') ? word[1..] : word;
        if (digits.All(char.IsAsciiDigit))
        {
            return long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? new Token(TokenKind.Literal, start, word.Length, Value: CimiValue.FromInt64(number))
                : throw Error(start + 1, $"number '{word}' is out of range");
        }

        var looksLikeDate = word.Length >= 5 && word[..4].All(char.IsAsciiDigit) && word[4] == '-';
        if (looksLikeDate && CimiValue.TryParseDate(word, out var date))
        {
            return new Token(TokenKind.Literal, start, word.Length, Value: CimiValue.FromDateTimeOffset(date));
        }

        throw Error(start + 1, looksLikeDate ? $"invalid date '{word}'" : $"invalid number '{word}'");
    }

    private Token ReadString(char quote)
    {
        var start = _pos;
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Error(start + 1, "unterminated string starting");
            }

            var c = text[_pos];
            if (c == '\\' && Peek(1) is '\'' or '"' or '\\')
            {
                sb.Append(Peek(1));
                _pos += 2;
            }
            else if (c == quote && Peek(1) == quote)
            {
                sb.Append(quote);
                _pos += 2;
            }
            else if (c == quote)
            {
                _pos++;
                return new Token(TokenKind.Literal, start, _pos - start, Value: CimiValue.FromString(sb.ToString()));
            }
            else
            {
                sb.Append(c);
                _pos++;
            }
        }
    }

    private static string Show(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? $"U+{(int)c:X4}"
            : $"'{c}'";
}
