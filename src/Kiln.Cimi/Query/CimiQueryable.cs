namespace Kiln.Cimi.Query;

/// <summary>An <see cref="ICimiQueryable"/> over dictionaries or lookup functions.</summary>
public sealed class CimiQueryable : ICimiQueryable
{
    private readonly Func<string, CimiValue?> _attribute;
    private readonly Func<string, string?> _property;

    public CimiQueryable(Func<string, CimiValue?> attribute, Func<string, string?>? property = null)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        _attribute = attribute;
        _property = property ?? (_ => null);
    }

    public CimiQueryable(IReadOnlyDictionary<string, CimiValue> attributes, IReadOnlyDictionary<string, string>? properties = null)
        : this(
            name => attributes.TryGetValue(name, out var v) ? v : (CimiValue?)null,
            properties is null ? null : key => properties.TryGetValue(key, out var v) ? v : null)
    {
        ArgumentNullException.ThrowIfNull(attributes);
    }

    public CimiValue? GetAttribute(string name) => _attribute(name);

    public string? GetProperty(string key) => _property(key);
}
