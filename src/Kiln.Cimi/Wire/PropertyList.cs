namespace Kiln.Cimi.Wire;

/// <summary>Properties as a body gives them, in order; a name given twice is an error the caller words.</summary>
internal sealed class PropertyList
{
    private readonly List<KeyValuePair<string, string>> items = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, string>> Items => items;

    /// <summary>False when <paramref name="name"/> is already there.</summary>
    public bool TryAdd(string name, string value)
    {
        if (!names.Add(name))
        {
            return false;
        }

        items.Add(new(name, value));
        return true;
    }
}
