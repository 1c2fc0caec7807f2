using System.Text;
using Kiln.Cimi.Query;
using static Kiln.Cimi.Tests.Query.QueryTestData;

namespace Kiln.Cimi.Tests.Query;

public class FilterFuzzTests
{
    private static readonly string[] Pieces =
    [
        "name", "state", "count", "created", "property", "and", "or", "AND", "true", "false", "(", ")", "[", "]",
        "=", "!=", "<", "<=", ">", ">=", "!", "'", "\"", "\\", "''", "'x'", "\"y\"", "'it\\'s'", " ", "  ", "\t",
        "0", "3", "-", "-7", "12x", "99999999999999999999", "2012-12-28", "2012-12-28T16:23:35+02:00",
        "2012-13-45", "T", "Z", ":", ".", "+", ",", "*", "$", "\u00e9", "\u0000", "\ud83d", "property['k']",
    ];

    private static readonly ICimiQueryable Sample = new CimiQueryable(
        name => name switch
        {
            "name" => "web",
            "state" => "2012-12-28",
            "count" => 3L,
            "created" => DateTimeOffset.UnixEpoch,
            "AND" => true,
            _ => null,
        },
        key => key == "k" ? "v" : null);

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_filters_either_parse_or_throw_CimiQueryException_with_a_position(int seed)
    {
        var random = new Random(seed);
        var parsed = 0;
        for (var i = 0; i < 2500; i++)
        {
            var text = i % 2 == 0 ? RandomFilter(random) : Mutate(random, GrammarFilter(random, 0));
            FilterExpression filter;
            try
            {
                filter = FilterParser.Parse(text);
            }
            catch (CimiQueryException e)
            {
                Assert.Equal("$filter", e.Parameter);
                Assert.NotNull(e.Position);
                Assert.InRange(e.Position.Value, 1, text.Length + 1);
                continue;
            }

            parsed++;
            FilterEvaluator.Matches(filter, Sample);
            var canonical = filter.ToString();
            var reparsed = FilterParser.Parse(canonical);
            Assert.Equal(canonical, reparsed.ToString());
            Assert.Equal(FilterEvaluator.Matches(filter, Sample), FilterEvaluator.Matches(reparsed, Sample));
        }

        Assert.True(parsed > 500, $"the generators should produce valid filters, got {parsed}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_query_parameters_either_parse_or_throw_CimiQueryException(int seed)
    {
        var random = new Random(seed);
        string[] names = ["$filter", "$select", "$expand", "$first", "$last", "$orderby", "$other", "plain"];
        string[] values = ["1", "0", "-1", "3", "a", "a,b", "*", "a:desc", "a:asc,b", ",", "", " ", "a=1", "10"];
        for (var i = 0; i < 2500; i++)
        {
            var parameters = Enumerable.Range(0, random.Next(4))
                .Select(_ => KeyValuePair.Create(
                    names[random.Next(names.Length)],
                    (string?)(random.Next(3) == 0 ? RandomFilter(random) : values[random.Next(values.Length)])))
                .ToList();
            try
            {
                var query = CimiQuery.Parse(parameters);
                query.Apply(Enumerable.Range(0, 5), n => Resource(("a", (long)n), ("b", n % 2 == 0)));
            }
            catch (CimiQueryException)
            {
                // The only acceptable failure.
            }
        }
    }

    private static string GrammarFilter(Random random, int depth)
    {
        string[] attributes = ["name", "state", "count", "created", "AND", "missing"];
        string[] values = ["'web'", "\"x y\"", "'it\\'s'", "'a''b'", "3", "-12", "true", "false", "2012-12-28", "1970-01-01T00:00:00Z", "'2012-12-28'"];
        string[] ops = ["<", "<=", "=", ">=", ">", "!="];
        var op = ops[random.Next(ops.Length)];
        string Space() => random.Next(3) == 0 ? "" : " ";
        switch (depth < 4 ? random.Next(6) : 5)
        {
            case 0:
                return $"{GrammarFilter(random, depth + 1)} and {GrammarFilter(random, depth + 1)}";
            case 1:
                return $"{GrammarFilter(random, depth + 1)} or {GrammarFilter(random, depth + 1)}";
            case 2:
                return $"({Space()}{GrammarFilter(random, depth + 1)}{Space()})";
            case 3:
                return $"property['{(random.Next(2) == 0 ? "k" : "other key")}']{Space()}{op}{Space()}'v'";
            case 4:
                return $"{values[random.Next(values.Length)]}{Space()}{op}{Space()}{attributes[random.Next(attributes.Length)]}";
            default:
                return $"{attributes[random.Next(attributes.Length)]}{Space()}{op}{Space()}{values[random.Next(values.Length)]}";
        }
    }

    private static string Mutate(Random random, string text)
    {
        if (random.Next(2) == 0 || text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        return random.Next(3) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, Pieces[random.Next(Pieces.Length)]),
            _ => text[..at],
        };
    }

    private static string RandomFilter(Random random)
    {
        var sb = new StringBuilder();
        var count = random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(8) == 0)
            {
                sb.Append((char)random.Next(0, 0x3000));
            }
            else
            {
                sb.Append(Pieces[random.Next(Pieces.Length)]);
            }

            if (random.Next(3) == 0)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }
}
