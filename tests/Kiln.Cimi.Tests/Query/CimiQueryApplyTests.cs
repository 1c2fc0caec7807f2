using Kiln.Cimi.Query;
using static Kiln.Cimi.Tests.Query.QueryTestData;

namespace Kiln.Cimi.Tests.Query;

public class CimiQueryApplyTests
{
    private sealed record Image(string Id, string Name, string? State, long Size, DateTimeOffset Created);

    private static readonly DateTimeOffset Day = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Image[] Images =
    [
        new("1", "web", "AVAILABLE", 10, Day.AddDays(3)),
        new("2", "db", "ERROR", 30, Day.AddDays(1)),
        new("3", "cache", "AVAILABLE", 20, Day.AddDays(2)),
        new("4", "mail", null, 20, Day),
        new("5", "api", "AVAILABLE", 10, Day.AddDays(4)),
    ];

    private static CimiQueryable Describe(Image image) => new(name => name switch
    {
        "id" => image.Id,
        "name" => image.Name,
        "state" => image.State is { } s ? (CimiValue?)s : null,
        "size" => image.Size,
        "created" => image.Created,
        _ => null,
    });

    private static string[] Ids(CimiQuery query) => [.. query.Apply(Images, Describe).Select(i => i.Id)];

    [Fact]
    public void Without_parameters_everything_comes_back_in_input_order()
    {
        Assert.Equal(["1", "2", "3", "4", "5"], Ids(ParseQuery()));
    }

    [Fact]
    public void Repeated_filters_are_anded()
    {
        Assert.Equal(["1", "3", "5"], Ids(ParseQuery(("$filter", "state='AVAILABLE'"))));
        Assert.Equal(["1", "5"], Ids(ParseQuery(("$filter", "state='AVAILABLE'"), ("$filter", "size < 20"))));
        Assert.Equal(["4"], Ids(ParseQuery(("$filter", "state != 'AVAILABLE'"), ("$filter", "state != 'ERROR'"))));
    }

    [Theory]
    [InlineData("size", "1,5,3,4,2")]
    [InlineData("size:asc", "1,5,3,4,2")]
    [InlineData("size:desc", "2,3,4,1,5")]
    [InlineData("size:desc,name", "2,3,4,5,1")]
    [InlineData("size,name:desc", "1,5,4,3,2")]
    [InlineData("created:desc", "5,1,3,2,4")]
    [InlineData("name", "5,3,2,4,1")]
    [InlineData("state", "1,3,5,2,4")]
    [InlineData("state:desc", "2,1,3,5,4")]
    [InlineData("nosuch:desc", "1,2,3,4,5")]
    public void Orderby_sorts_by_keys_stably_with_missing_values_last(string orderby, string expected)
    {
        Assert.Equal(expected.Split(','), Ids(ParseQuery(("$orderby", orderby))));
    }

    [Fact]
    public void Repeated_orderby_puts_earlier_keys_first()
    {
        Assert.Equal(["2", "3", "4", "5", "1"], Ids(ParseQuery(("$orderby", "size:desc"), ("$orderby", "name"))));
    }

    [Fact]
    public void Sorting_many_equal_keys_keeps_input_order()
    {
        var items = Enumerable.Range(0, 500).ToArray();
        var query = ParseQuery(("$orderby", "bucket:desc"));
        var sorted = query.Apply(items, i => new CimiQueryable(_ => (long)(i % 3)));
        Assert.Equal(items.Where(i => i % 3 == 2).Concat(items.Where(i => i % 3 == 1)).Concat(items.Where(i => i % 3 == 0)), sorted);
    }

    [Theory]
    [InlineData("2", null, "2,3,4,5")]
    [InlineData(null, "2", "1,2")]
    [InlineData("2", "4", "2,3,4")]
    [InlineData("3", "3", "3")]
    [InlineData("5", null, "5")]
    [InlineData("6", null, "")]
    [InlineData(null, "99", "1,2,3,4,5")]
    [InlineData("4", "9", "4,5")]
    public void First_and_last_window_the_collection(string? first, string? last, string expected)
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

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Ids(ParseQuery([.. parameters])));
    }

    [Fact]
    public void Window_applies_after_filter_and_order()
    {
        var query = ParseQuery(("$filter", "state='AVAILABLE'"), ("$orderby", "created:desc"), ("$first", "2"), ("$last", "3"));
        Assert.Equal(["1", "3"], Ids(query));
        Assert.Equal(3, query.FilterAndOrder(Images, Describe).Count);
    }

    [Fact]
    public void Matches_checks_every_filter()
    {
        var query = ParseQuery(("$filter", "size=10"), ("$filter", "name='api'"));
        Assert.True(query.Matches(Describe(Images[4])));
        Assert.False(query.Matches(Describe(Images[0])));
    }

    [Fact]
    public void Describe_is_called_once_per_item()
    {
        var calls = 0;
        var query = ParseQuery(("$filter", "size > 0"), ("$orderby", "size,name,created"));
        query.Apply(Images, i => { calls++; return Describe(i); });
        Assert.Equal(Images.Length, calls);
    }
}
