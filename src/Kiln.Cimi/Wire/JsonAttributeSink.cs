using System.Text.Json;

namespace Kiln.Cimi.Wire;

/// <summary>Attributes as members of the resource's JSON object, under their CIMI attribute names.</summary>
internal sealed class JsonAttributeSink(Utf8JsonWriter writer, IReadOnlySet<string>? select) : AttributeSink(select)
{
    protected override void WriteText(string attribute, string value) => writer.WriteString(attribute, value);

    protected override void WriteInteger(string attribute, long value) => writer.WriteNumber(attribute, value);

    protected override void WriteBoolean(string attribute, bool value) => writer.WriteBoolean(attribute, value);

    protected override void WriteRef(string attribute, string href)
    {
        writer.WritePropertyName(attribute);
        Href(href);
    }

    protected override void WriteRefs(string attribute, string element, IReadOnlyList<string> hrefs)
    {
        writer.WriteStartArray(attribute);
        foreach (var href in hrefs)
        {
            Href(href);
        }

        writer.WriteEndArray();
    }

    protected override void WriteObjects<TItem>(string attribute, string element, IReadOnlyList<TItem> items, Action<TItem, AttributeSink> parts)
    {
        var inner = new JsonAttributeSink(writer, select: null);
        writer.WriteStartArray(attribute);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            parts(item, inner);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override void WriteJsonOnlyText(string attribute, string value) => writer.WriteString(attribute, value);

    protected override void WriteProperties(IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        writer.WriteStartObject("properties");
        foreach (var (name, value) in properties)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    protected override void WriteOperations(IReadOnlyList<CimiOperation> operations)
    {
        writer.WriteStartArray("operations");
        foreach (var operation in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("rel", operation.Rel);
            writer.WriteString("href", operation.Href);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    protected override void WriteForeign(string attribute, string value) => writer.WriteString(attribute, value);

    private void Href(string href)
    {
        writer.WriteStartObject();
        writer.WriteString("href", href);
        writer.WriteEndObject();
    }
}
