namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>UForgeObjects</c>, base of every list document: the total, then the items in a wrapper
/// element named like the root (<c>images/images/image</c>).
/// </summary>
public abstract class UForgeObjects
{
    public long? Total { get; set; }
}

/// <summary>A list document of <typeparamref name="TItem"/>; null items are left out when writing.</summary>
public abstract class UForgeObjects<TItem> : UForgeObjects where TItem : class
{
    public List<TItem>? Items { get; set; }
}
