namespace Kiln.Cimi.Query;

/// <summary>One <c>$orderby</c> key: <c>attr</c>, <c>attr:asc</c> or <c>attr:desc</c>.</summary>
public sealed record CimiOrderKey(string Attribute, bool Descending = false)
{
    public override string ToString() => Descending ? $"{Attribute}:desc" : Attribute;
}
