using Kiln.Cimi.Query;
using static Kiln.Cimi.Tests.Query.QueryTestData;

namespace Kiln.Cimi.Tests.Query;

public class FilterParserTests
{
    [Fact]
    public void Simple_comparison_of_attribute_and_string()
    {
        Assert.Equal(Eq("name", "web"), FilterParser.Parse("name='web'"));
    }

    [Theory]
    [InlineData("<", ComparisonOperator.Less)]
    [InlineData("<=", ComparisonOperator.LessOrEqual)]
    [InlineData("=", ComparisonOperator.Equal)]
    [InlineData(">=", ComparisonOperator.GreaterOrEqual)]
    [InlineData(">", ComparisonOperator.Greater)]
    [InlineData("!=", ComparisonOperator.NotEqual)]
    public void Every_operator_is_recognised(string symbol, ComparisonOperator op)
    {
        Assert.Equal(Cmp(Attr("count"), op, Lit(3L)), FilterParser.Parse($"count{symbol}3"));
    }

    [Fact]
    public void Value_before_attribute_keeps_the_written_order()
    {
        Assert.Equal(Cmp(Lit(3L), ComparisonOperator.Less, Attr("count")), FilterParser.Parse("3 < count"));
    }

    [Fact]
    public void Literal_kinds_are_integer_date_boolean_and_string()
    {
        Assert.Equal(Eq("a", -42L), FilterParser.Parse("a = -42"));
        Assert.Equal(Eq("a", true), FilterParser.Parse("a = true"));
        Assert.Equal(Eq("a", false), FilterParser.Parse("a = false"));
        Assert.Equal(Eq("a", "x"), FilterParser.Parse("a = \"x\""));
        var date = (ComparisonExpression)FilterParser.Parse("created > 2012-12-28T16:23:35+02:00");
        var value = ((LiteralOperand)date.Right).Value.AsDate();
        Assert.Equal(new DateTimeOffset(2012, 12, 28, 16, 23, 35, TimeSpan.FromHours(2)), value);
        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
    }

    [Theory]
    [InlineData("2012-12-28", "2012-12-28T00:00:00+00:00")]
    [InlineData("2012-12-28T16:23", "2012-12-28T16:23:00+00:00")]
    [InlineData("2012-12-28T16:23:35Z", "2012-12-28T16:23:35+00:00")]
    [InlineData("2012-12-28T16:23:35.125-05:30", "2012-12-28T16:23:35.125-05:30")]
    [InlineData("2012-12-28T16:23:35", "2012-12-28T16:23:35+00:00")]
    public void Dates_without_offset_are_utc_and_date_only_is_midnight(string written, string expected)
    {
        var parsed = (ComparisonExpression)FilterParser.Parse($"created = {written}");
        var actual = ((LiteralOperand)parsed.Right).Value.AsDate();
        var wanted = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(wanted, actual);
        Assert.Equal(wanted.Offset, actual.Offset);
    }

    [Theory]
    [InlineData(@"name='it\'s'", "it's")]
    [InlineData(@"name=""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"name=""it's""", "it's")]
    [InlineData(@"name='say ""hi""'", "say \"hi\"")]
    [InlineData(@"name='it''s'", "it's")]
    [InlineData(@"name=""a """"b""""""", "a \"b\"")]
    [InlineData(@"name='back\\slash'", @"back\slash")]
    [InlineData(@"name='C:\temp'", @"C:\temp")]
    [InlineData(@"name=''", "")]
    [InlineData(@"name=''''", "'")]
    [InlineData(@"name='a and b or (c)'", "a and b or (c)")]
    public void Strings_take_both_quotes_and_escapes(string filter, string expected)
    {
        Assert.Equal(Eq("name", expected), FilterParser.Parse(filter));
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var expected = new OrExpression(Eq("a", "1"), new AndExpression(Eq("b", "2"), Eq("c", "3")));
        Assert.Equal(expected, FilterParser.Parse("a='1' or b='2' and c='3'"));
        var left = new OrExpression(new AndExpression(Eq("a", "1"), Eq("b", "2")), Eq("c", "3"));
        Assert.Equal(left, FilterParser.Parse("a='1' and b='2' or c='3'"));
    }

    [Fact]
    public void Parentheses_override_precedence_and_nest()
    {
        var expected = new AndExpression(
            new OrExpression(Eq("a", "1"), new AndExpression(Eq("b", "2"), Cmp(Attr("c"), ComparisonOperator.Greater, Lit(3L)))),
            Eq("d", true));
        Assert.Equal(expected, FilterParser.Parse("((a='1' or (b='2' and c>3))) and d=true"));
    }

    [Fact]
    public void Chains_associate_to_the_left()
    {
        var expected = new AndExpression(new AndExpression(Eq("a", 1L), Eq("b", 2L)), Eq("c", 3L));
        Assert.Equal(expected, FilterParser.Parse("a=1 and b=2 and c=3"));
    }

    [Theory]
    [InlineData("name='x'and(state='A'or state='B')")]
    [InlineData("  name = 'x'   and   ( state = 'A' or state = 'B' )  ")]
    [InlineData("\tname\n=\r\n'x' and\t(state='A'\nor\tstate='B')")]
    public void Whitespace_between_tokens_is_free(string filter)
    {
        var expected = new AndExpression(Eq("name", "x"), new OrExpression(Eq("state", "A"), Eq("state", "B")));
        Assert.Equal(expected, FilterParser.Parse(filter));
    }

    [Theory]
    [InlineData("property['owner'] = 'me'", "owner", "me")]
    [InlineData("property [ \"owner\" ] = \"me\"", "owner", "me")]
    [InlineData("property['build host'] = 'a b'", "build host", "a b")]
    [InlineData(@"property['it\'s ""quoted""'] = 'v'", "it's \"quoted\"", "v")]
    public void Property_expressions_carry_the_key(string filter, string key, string value)
    {
        Assert.Equal(Cmp(new PropertyOperand(key), ComparisonOperator.Equal, Lit(value)), FilterParser.Parse(filter));
    }

    [Fact]
    public void String_before_property_is_accepted()
    {
        Assert.Equal(
            Cmp(Lit("me"), ComparisonOperator.NotEqual, new PropertyOperand("owner")),
            FilterParser.Parse("'me' != property['owner']"));
    }

    [Fact]
    public void Property_without_brackets_is_an_ordinary_attribute()
    {
        Assert.Equal(Eq("property", "x"), FilterParser.Parse("property = 'x'"));
    }

    [Fact]
    public void Keywords_are_lowercase_only_so_uppercase_is_a_name()
    {
        Assert.Equal(Eq("AND", "x"), FilterParser.Parse("AND='x'"));
        Assert.Throws<CimiQueryException>(() => FilterParser.Parse("a='1' AND b='2'"));
        Assert.Throws<CimiQueryException>(() => FilterParser.Parse("a=True"));
    }

    [Theory]
    [InlineData("a='1' or b='2' and c=3")]
    [InlineData("(a='1' or b=2) and not_=true and (c<=2012-01-02T03:04:05.5+01:00 or 'x' > d)")]
    [InlineData(@"property['k\'y'] != 'v\\' and x=-5")]
    public void Canonical_text_parses_back_to_the_same_text(string filter)
    {
        var canonical = FilterParser.Parse(filter).ToString();
        Assert.Equal(canonical, FilterParser.Parse(canonical).ToString());
    }
}
