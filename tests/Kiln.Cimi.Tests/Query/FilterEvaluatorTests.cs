using Kiln.Cimi.Query;
using static Kiln.Cimi.Tests.Query.QueryTestData;

namespace Kiln.Cimi.Tests.Query;

public class FilterEvaluatorTests
{
    private static readonly CimiQueryable Image = Resource(
        ("name", "web"),
        ("state", "AVAILABLE"),
        ("count", 5L),
        ("cpu", "4"),
        ("created", new DateTimeOffset(2012, 12, 28, 16, 23, 35, TimeSpan.FromHours(2))),
        ("public", true),
        ("stamp", "2012-12-28T14:23:35Z"));

    [Theory]
    [InlineData("name < 'x'", true)]
    [InlineData("name < 'web'", false)]
    [InlineData("name <= 'web'", true)]
    [InlineData("name = 'web'", true)]
    [InlineData("name = 'Web'", false)]
    [InlineData("name >= 'web'", true)]
    [InlineData("name > 'wea'", true)]
    [InlineData("name > 'web'", false)]
    [InlineData("name != 'web'", false)]
    [InlineData("name != 'db'", true)]
    [InlineData("state > 'Z'", false)]
    public void Strings_compare_ordinally(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("count < 6", true)]
    [InlineData("count < 5", false)]
    [InlineData("count <= 5", true)]
    [InlineData("count = 5", true)]
    [InlineData("count >= 6", false)]
    [InlineData("count > 4", true)]
    [InlineData("count > -10", true)]
    [InlineData("count != 5", false)]
    [InlineData("count != 10", true)]
    public void Integers_compare_numerically(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("3 < count", true)]
    [InlineData("5 < count", false)]
    [InlineData("5 <= count", true)]
    [InlineData("10 > count", true)]
    [InlineData("'web' = name", true)]
    [InlineData("'x' > name", true)]
    public void Value_before_attribute_reads_left_to_right(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("created = 2012-12-28T14:23:35Z", true)]
    [InlineData("created = 2012-12-28T09:23:35-05:00", true)]
    [InlineData("created = 2012-12-28T16:23:35+02:00", true)]
    [InlineData("created < 2012-12-28T15:23:36+01:00", true)]
    [InlineData("created <= 2012-12-28T14:23:35Z", true)]
    [InlineData("created > 2012-12-28T16:00:00Z", false)]
    [InlineData("created >= 2012-12-28T16:23:35+02:00", true)]
    [InlineData("created != 2012-12-28T16:23:35Z", true)]
    [InlineData("created > 2012-12-28", true)]
    [InlineData("created < 2012-12-29", true)]
    [InlineData("2012-12-28 < created", true)]
    public void Dates_compare_as_instants_across_offsets(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("public = true", true)]
    [InlineData("public = false", false)]
    [InlineData("public != false", true)]
    [InlineData("public > false", true)]
    [InlineData("public >= true", true)]
    [InlineData("public < true", false)]
    [InlineData("public <= false", false)]
    public void Booleans_compare_with_false_before_true(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("created = '2012-12-28T14:23:35Z'", true)]
    [InlineData("created > '2012-12-28'", true)]
    [InlineData("created = 'yesterday'", false)]
    [InlineData("created != 'yesterday'", false)]
    [InlineData("stamp = 2012-12-28T16:23:35+02:00", true)]
    [InlineData("cpu > 3", true)]
    [InlineData("cpu = 4", true)]
    [InlineData("cpu < 10", true)]
    [InlineData("name = 4", false)]
    [InlineData("name != 4", false)]
    [InlineData("count = '5'", true)]
    [InlineData("public = 'true'", true)]
    [InlineData("count = 2012-12-28", false)]
    [InlineData("count != true", false)]
    [InlineData("public != 1", false)]
    public void Mixed_kinds_convert_text_or_are_false(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("missing = 'x'", false)]
    [InlineData("missing < 3", false)]
    [InlineData("missing >= 3", false)]
    [InlineData("missing != 'x'", true)]
    [InlineData("'x' != missing", true)]
    public void Unknown_attribute_is_null_and_only_not_equal_holds(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Image));

    [Theory]
    [InlineData("property['owner'] = 'me'", true)]
    [InlineData("property['owner'] != 'me'", false)]
    [InlineData("property['owner'] > 'ma'", true)]
    [InlineData("property['build host'] = 'a b'", true)]
    [InlineData(@"property['it\'s'] = ""say \""hi\""""", true)]
    [InlineData("property['size'] = '10'", true)]
    [InlineData("property['size'] > '9'", false)]
    [InlineData("property['absent'] = 'x'", false)]
    [InlineData("property['absent'] != 'x'", true)]
    [InlineData("'me' = property['owner']", true)]
    public void Property_compares_its_text(string filter, bool expected)
    {
        var resource = ResourceWithProperties(
            ("owner", "me"), ("build host", "a b"), ("it's", "say \"hi\""), ("size", "10"));
        Assert.Equal(expected, Matches(filter, resource));
    }

    [Theory]
    [InlineData("name='x' or count=5 and public=false", false)]
    [InlineData("(name='x' or count=5) and public=true", true)]
    [InlineData("name='web' or count=0 and public=false", true)]
    [InlineData("((name='x' or (state='AVAILABLE' and count>3)))", true)]
    [InlineData("((name='x' or (state='AVAILABLE' and count>5)))", false)]
    public void Logic_follows_precedence_and_parentheses(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Image));

    [Fact]
    public void Compare_with_missing_values_is_true_only_for_not_equal()
    {
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            Assert.Equal(op == ComparisonOperator.NotEqual, FilterEvaluator.Compare(null, op, 1L));
            Assert.Equal(op == ComparisonOperator.NotEqual, FilterEvaluator.Compare("x", op, null));
        }
    }
}
