using Kiln.Cimi.Query;
using static Kiln.Cimi.Tests.Query.QueryTestData;

namespace Kiln.Cimi.Tests.Query;

public class CimiQueryParseTests
{
    [Fact]
    public void No_parameters_means_everything()
    {
        var query = ParseQuery();
        Assert.Empty(query.Filters);
        Assert.Empty(query.OrderBy);
        Assert.Null(query.First);
        Assert.Null(query.Last);
        Assert.Null(query.Select);
        Assert.True(query.Selects("anything"));
        Assert.Empty(query.Expand);
        Assert.False(query.ExpandAll);
        Assert.False(query.Expands("anything"));
    }

    [Fact]
    public void Repeated_filters_are_all_kept()
    {
        var query = ParseQuery(("$filter", "name='a'"), ("$filter", "count>3"));
        Assert.Equal([Eq("name", "a"), Cmp(Attr("count"), ComparisonOperator.Greater, Lit(3L))], query.Filters);
    }

    [Fact]
    public void Select_lists_names_and_may_repeat()
    {
        var query = ParseQuery(("$select", "name, description"), ("$select", "state"));
        Assert.NotNull(query.Select);
        Assert.Equal(["description", "name", "state"], query.Select.Order(StringComparer.Ordinal));
        Assert.True(query.Selects("name"));
        Assert.False(query.Selects("created"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("name,*")]
    [InlineData(" * ")]
    public void Select_star_means_all(string value)
    {
        Assert.Null(ParseQuery(("$select", value)).Select);
    }

    [Fact]
    public void Expand_lists_names_or_star()
    {
        var some = ParseQuery(("$expand", "relatedImage,operations"));
        Assert.False(some.ExpandAll);
        Assert.True(some.Expands("relatedImage"));
        Assert.False(some.Expands("name"));

        var all = ParseQuery(("$expand", "*"));
        Assert.True(all.ExpandAll);
        Assert.True(all.Expands("name"));
    }

    [Theory]
    [InlineData("$select", "", 1, "expected an attribute name")]
    [InlineData("$select", "name,,state", 6, "expected an attribute name")]
    [InlineData("$select", "name,", 6, "expected an attribute name")]
    [InlineData("$expand", "a, 1b", 4, "invalid attribute name '1b'")]
    [InlineData("$select", "na me", 1, "invalid attribute name 'na me'")]
    [InlineData("$orderby", "name:up", 6, "expected 'asc' or 'desc' after 'name:'")]
    [InlineData("$orderby", "name: DESC", 7, "expected 'asc' or 'desc' after 'name:'")]
    [InlineData("$orderby", "name,:desc", 6, "expected an attribute name")]
    [InlineData("$orderby", "", 1, "expected an attribute name")]
    public void Bad_lists_report_the_position(string parameter, string value, int position, string reason)
    {
        var error = Assert.Throws<CimiQueryException>(() => ParseQuery((parameter, value)));
        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(position, error.Position);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Orderby_keys_keep_their_order_across_repeats()
    {
        var query = ParseQuery(("$orderby", "state:desc, name"), ("$orderby", "created:asc"));
        Assert.Equal(
            [new CimiOrderKey("state", Descending: true), new CimiOrderKey("name"), new CimiOrderKey("created")],
            query.OrderBy);
    }

    [Theory]
    [InlineData("3", null, 3L, null)]
    [InlineData(null, "4", null, 4L)]
    [InlineData("2", "5", 2L, 5L)]
    [InlineData("5", "5", 5L, 5L)]
    [InlineData(" 7 ", null, 7L, null)]
    public void First_and_last_are_positions(string? first, string? last, long? expectedFirst, long? expectedLast)
    {
        var parameters = new List<(string, string)>();
        if (first is not null)
        {
            parameters.Add(("$first", first));
        }

        if (last is not null)
        {
            parameters.Add(("$last", last));
        }

        var query = ParseQuery([.. parameters]);
        Assert.Equal(expectedFirst, query.First);
        Assert.Equal(expectedLast, query.Last);
    }

    [Theory]
    [InlineData("$first", "0")]
    [InlineData("$first", "-1")]
    [InlineData("$last", "abc")]
    [InlineData("$last", "")]
    [InlineData("$first", "1.5")]
    [InlineData("$first", "+3")]
    [InlineData("$last", "99999999999999999999")]
    public void Invalid_positions_are_refused(string parameter, string value)
    {
        var error = Assert.Throws<CimiQueryException>(() => ParseQuery((parameter, value)));
        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith($"{parameter}: expected a position (an integer from 1) but found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_after_last_is_refused()
    {
        var error = Assert.Throws<CimiQueryException>(() => ParseQuery(("$first", "5"), ("$last", "3")));
        Assert.Equal("$first: $first (5) is after $last (3)", error.Message);
    }

    [Fact]
    public void Repeated_first_is_refused()
    {
        var error = Assert.Throws<CimiQueryException>(() => ParseQuery(("$first", "1"), ("$first", "2")));
        Assert.Equal("$first: given more than once", error.Message);
    }

    [Fact]
    public void Unknown_dollar_parameter_is_named_and_others_are_ignored()
    {
        var error = Assert.Throws<CimiQueryException>(() => ParseQuery(("format", "json"), ("$top", "3")));
        Assert.Equal("$top", error.Parameter);
        Assert.Equal("$top: unknown query parameter", error.Message);

        Assert.Throws<CimiQueryException>(() => ParseQuery(("$Filter", "a=1")));
        Assert.Empty(ParseQuery(("format", "json"), ("CIMISelect", "x")).Filters);
    }

    [Fact]
    public void Filter_errors_surface_from_parse()
    {
        var error = Assert.Throws<CimiQueryException>(() => ParseQuery(("$filter", "name='a'"), ("$filter", "name")));
        Assert.Equal("$filter: expected an operator after 'name' at position 5", error.Message);
    }

    [Fact]
    public void Multi_valued_collections_are_accepted()
    {
        var query = CimiQuery.Parse(new Dictionary<string, string?[]>
        {
            ["$filter"] = ["a=1", "b=2"],
            ["$select"] = ["name"],
            ["other"] = [null],
        });
        Assert.Equal(2, query.Filters.Count);
        Assert.Equal(["name"], query.Select!);
    }

    [Fact]
    public void Validate_names_unknown_orderby_and_select_attributes()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "name", "created" };
        ParseQuery(("$orderby", "name:desc,created"), ("$select", "name"), ("$filter", "nosuch=1")).Validate(known);

        var orderby = Assert.Throws<CimiQueryException>(() => ParseQuery(("$orderby", "name,size:desc")).Validate(known));
        Assert.Equal("$orderby: unknown attribute 'size'", orderby.Message);

        var select = Assert.Throws<CimiQueryException>(() => ParseQuery(("$select", "name,owner")).Validate(known));
        Assert.Equal("$select: unknown attribute 'owner'", select.Message);

        var expandable = new HashSet<string>(StringComparer.Ordinal) { "relatedImage" };
        ParseQuery(("$expand", "relatedImage")).Validate(known, expandable);
        var expand = Assert.Throws<CimiQueryException>(() => ParseQuery(("$expand", "name")).Validate(known, expandable));
        Assert.Equal("$expand: unknown attribute 'name'", expand.Message);
    }
}
