namespace Kiln.Cimi.Wire;

/// <summary>
/// Where a resource's attributes go, in the order the resource lists them: XML elements or JSON members. Each
/// resource lists its attributes once (<see cref="MachineImageAttributes"/> and the others) for both formats.
/// Absent values and empty lists are skipped here, and so are attributes a <c>$select</c> leaves out.
/// </summary>
internal abstract class AttributeSink(IReadOnlySet<string>? select)
{
    public void Text(string attribute, string? value)
    {
        if (value is not null && Selected(attribute))
        {
            WriteText(attribute, value);
        }
    }

    public void Date(string attribute, DateTimeOffset? value)
    {
        if (value is { } date && Selected(attribute))
        {
            WriteText(attribute, CimiTime.Format(date));
        }
    }

    public void Integer(string attribute, long? value)
    {
        if (value is { } number && Selected(attribute))
        {
            WriteInteger(attribute, number);
        }
    }

    public void Boolean(string attribute, bool? value)
    {
        if (value is { } flag && Selected(attribute))
        {
            WriteBoolean(attribute, flag);
        }
    }

    /// <summary>A reference: XML <c>&lt;attribute href=".."/&gt;</c>, JSON <c>"attribute": {"href": ".."}</c>.</summary>
    public void Ref(string attribute, string? href)
    {
        if (href is not null && Selected(attribute))
        {
            WriteRef(attribute, href);
        }
    }

    /// <summary>References: XML one <paramref name="element"/> each, JSON an array under <paramref name="attribute"/>.</summary>
    public void Refs(string attribute, string element, IReadOnlyList<string> hrefs)
    {
        if (hrefs.Count > 0 && Selected(attribute))
        {
            WriteRefs(attribute, element, hrefs);
        }
    }

    /// <summary>
    /// Values with structure of their own, none a resource (a configuration's disks): XML one
    /// <paramref name="element"/> each, JSON an array of objects under <paramref name="attribute"/>. $select picks the
    /// attribute as a whole, never the items' parts.
    /// </summary>
    public void Objects<TItem>(string attribute, string element, IReadOnlyList<TItem> items, Action<TItem, AttributeSink> parts)
    {
        if (items.Count > 0 && Selected(attribute))
        {
            WriteObjects(attribute, element, items, parts);
        }
    }

    public void Properties(IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        if (properties.Count > 0 && Selected("properties"))
        {
            WriteProperties(properties);
        }
    }

    public void Operations(IReadOnlyList<CimiOperation> operations)
    {
        if (operations.Count > 0 && Selected("operations"))
        {
            WriteOperations(operations);
        }
    }

    /// <summary>Kiln's own value, outside CIMI: XML in <see cref="CimiUris.KilnNamespace"/>, JSON a plain member.</summary>
    public void Foreign(string attribute, string? value)
    {
        if (value is not null && Selected(attribute))
        {
            WriteForeign(attribute, value);
        }
    }

    /// <summary>
    /// A value CIMI has but its xsd does not (a Disk's id): JSON, which no schema constrains, carries it; XML leaves it
    /// out, since any element there the xsd does not declare would make the document invalid.
    /// </summary>
    public void JsonOnlyText(string attribute, string? value)
    {
        if (value is not null && Selected(attribute))
        {
            WriteJsonOnlyText(attribute, value);
        }
    }

    protected abstract void WriteText(string attribute, string value);

    protected abstract void WriteInteger(string attribute, long value);

    protected abstract void WriteBoolean(string attribute, bool value);

    protected abstract void WriteRef(string attribute, string href);

    protected abstract void WriteRefs(string attribute, string element, IReadOnlyList<string> hrefs);

    protected abstract void WriteObjects<TItem>(string attribute, string element, IReadOnlyList<TItem> items, Action<TItem, AttributeSink> parts);

    protected abstract void WriteJsonOnlyText(string attribute, string value);

    protected abstract void WriteProperties(IReadOnlyList<KeyValuePair<string, string>> properties);

    protected abstract void WriteOperations(IReadOnlyList<CimiOperation> operations);

    protected abstract void WriteForeign(string attribute, string value);

    // CIMI's $select: the listed attributes only, or all of them for "*".
    private bool Selected(string attribute) => select is null || select.Contains("*") || select.Contains(attribute);
}
