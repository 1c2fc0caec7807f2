using Kiln.Cimi.Query;
using static Kiln.Cimi.Tests.Query.QueryTestData;

namespace Kiln.Cimi.Tests.Query;

public class FilterErrorTests
{
    [Theory]
    //           position: 123456789012345
    [InlineData("name 'x'", 6, "expected an operator after 'name'")]
    [InlineData("name", 5, "expected an operator after 'name'")]
    [InlineData("property['k'] 'v'", 15, "expected an operator after 'property['k']'")]
    [InlineData("name=", 6, "expected a value after '='")]
    [InlineData("name !=  and b=1", 10, "expected a value after '!='")]
    [InlineData("name='abc", 6, "unterminated string starting")]
    [InlineData("a=1 and name=\"x\\\"", 14, "unterminated string starting")]
    [InlineData("(a=1 or b=2", 1, "unclosed '('")]
    [InlineData("a=1 and ((b=2)", 9, "unclosed '('")]
    [InlineData("(a=1 b=2)", 6, "expected 'and', 'or' or ')' but found 'b'")]
    [InlineData("a=1)", 4, "unexpected ')'")]
    [InlineData("(a=1 or b=2)) and c=3", 13, "unexpected ')'")]
    [InlineData("a=1 b", 5, "expected 'and', 'or' or the end of the filter but found 'b'")]
    [InlineData("a=1 and", 8, "expected a comparison but found the end of the filter")]
    [InlineData("and a=1", 1, "expected a comparison but found 'and'")]
    [InlineData("or a=1", 1, "expected a comparison but found 'or'")]
    [InlineData("()", 2, "expected a comparison but found ')'")]
    [InlineData("", 1, "empty filter")]
    [InlineData("   ", 1, "empty filter")]
    [InlineData("created > 2012-13-45", 11, "invalid date '2012-13-45'")]
    [InlineData("created > 2012-12-28T25:00", 11, "invalid date '2012-12-28T25:00'")]
    [InlineData("created > 2012-12-28T10:00+15:00", 11, "invalid date '2012-12-28T10:00+15:00'")]
    [InlineData("created > 0001-01-01T00:00:00+14:00", 11, "invalid date '0001-01-01T00:00:00+14:00'")]
    [InlineData("created > 2012-02-30", 11, "invalid date '2012-02-30'")]
    [InlineData("created > 2012-12-28T", 11, "invalid date '2012-12-28T'")]
    [InlineData("count > 12x", 9, "invalid number '12x'")]
    [InlineData("count > 1and b=2", 9, "invalid number '1and'")]
    [InlineData("count > 99999999999999999999", 9, "number '99999999999999999999' is out of range")]
    [InlineData("count ! 3", 7, "unexpected '!' (the operator is '!=')")]
    [InlineData("count == 3", 8, "expected a value after '='")]
    [InlineData("count # 3", 7, "unexpected character '#'")]
    [InlineData("state = AVAILABLE", 9, "expected a value after '=' but found the attribute 'AVAILABLE' (strings need quotes)")]
    [InlineData("1 = 1", 1, "expected an attribute on one side of '='")]
    [InlineData("property['k'] = 3", 17, "expected a quoted string after '=' (property values are text)")]
    [InlineData("property['k'] = name", 17, "expected a quoted string after '=' (property values are text)")]
    [InlineData("true = property['k']", 1, "expected a quoted string before '=' (property values are text)")]
    [InlineData("property[k] = 'v'", 10, "expected a quoted key after 'property['")]
    [InlineData("property['k' = 'v'", 14, "expected ']' after the property key")]
    public void Bad_syntax_reports_the_exact_position(string filter, int position, string reason)
    {
        var error = FilterError(filter);
        Assert.Equal("$filter", error.Parameter);
        Assert.Equal(position, error.Position);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"$filter: {reason} at position {position}", error.Message);
    }

    [Fact]
    public void Message_reads_as_plain_text()
    {
        Assert.Equal("$filter: expected an operator after 'name' at position 6", FilterError("name 'x'").Message);
        Assert.Equal("$filter: unterminated string starting at position 8", FilterError("name = 'x").Message);
        Assert.Equal("$filter: unexpected ')' at position 12", FilterError("a=1 or b=22)").Message);
    }

    [Fact]
    public void Control_characters_are_shown_by_code_point()
    {
        Assert.Equal("unexpected character U+0001", FilterError("a\u0001=1").Reason);
    }

    [Fact]
    public void Input_at_the_length_limit_is_accepted_and_longer_is_refused()
    {
        var atLimit = "name = '" + new string('x', FilterParser.MaxLength - 9) + "'";
        Assert.Equal(FilterParser.MaxLength, atLimit.Length);
        FilterParser.Parse(atLimit);

        var error = FilterError(atLimit + " ");
        Assert.Equal(FilterParser.MaxLength + 1, error.Position);
        Assert.Equal($"the filter is longer than {FilterParser.MaxLength} characters", error.Reason);
    }

    [Fact]
    public void Nesting_at_the_depth_limit_is_accepted_and_deeper_is_refused()
    {
        static string Nest(int depth) => new string('(', depth) + "a=1" + new string(')', depth);
        FilterParser.Parse(Nest(FilterParser.MaxDepth));

        var error = FilterError(Nest(FilterParser.MaxDepth + 1));
        Assert.Equal(FilterParser.MaxDepth + 1, error.Position);
        Assert.Equal($"parentheses nested deeper than {FilterParser.MaxDepth}", error.Reason);
    }

    [Fact]
    public void Sibling_parentheses_do_not_add_up_to_the_depth_limit()
    {
        var siblings = string.Join(" and ", Enumerable.Repeat("(((a=1)))", 100));
        FilterParser.Parse(siblings);
    }

    [Fact]
    public void Long_chains_within_the_length_limit_parse_and_evaluate()
    {
        var chain = string.Join(" or ", Enumerable.Repeat("a=1", (FilterParser.MaxLength + 4) / 7));
        Assert.True(chain.Length <= FilterParser.MaxLength);
        var filter = FilterParser.Parse(chain);
        Assert.True(FilterEvaluator.Matches(filter, Resource(("a", 1L))));
        Assert.False(FilterEvaluator.Matches(filter, Resource(("a", 2L))));
        var andChain = string.Join(" and ", Enumerable.Repeat("a=1", (FilterParser.MaxLength + 5) / 8));
        Assert.True(FilterEvaluator.Matches(FilterParser.Parse(andChain), Resource(("a", 1L))));
    }
}
