using Kiln.Cimi.Query;

namespace Kiln.Cimi.Tests.Query;

/// <summary>Small builders shared by the query tests.</summary>
internal static class QueryTestData
{
    public static AttributeOperand Attr(string name) => new(name);

    public static LiteralOperand Lit(CimiValue value) => new(value);

    public static ComparisonExpression Cmp(Operand left, ComparisonOperator op, Operand right) => new(left, op, right);

    public static ComparisonExpression Eq(string attribute, CimiValue value) =>
        new(new AttributeOperand(attribute), ComparisonOperator.Equal, new LiteralOperand(value));

    public static CimiQueryable Resource(params (string Name, CimiValue Value)[] attributes) =>
        new(attributes.ToDictionary(a => a.Name, a => a.Value));

    public static CimiQueryable ResourceWithProperties(params (string Key, string Value)[] properties) =>
        new(new Dictionary<string, CimiValue>(), properties.ToDictionary(p => p.Key, p => p.Value));

    public static bool Matches(string filter, ICimiQueryable resource) =>
        FilterEvaluator.Matches(FilterParser.Parse(filter), resource);

    public static CimiQuery ParseQuery(params (string Name, string Value)[] parameters) =>
        CimiQuery.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, (string?)p.Value)));

    public static CimiQueryException FilterError(string filter) =>
        Assert.Throws<CimiQueryException>(() => FilterParser.Parse(filter));
}
