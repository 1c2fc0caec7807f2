using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>The content of a wrapper element: repeated <c>item</c> elements, in XML; <c>{"item": [...]}</c> in JSON.</summary>
internal sealed class ListCodec<TItem>(string item, ICodec<TItem> items, bool bareArrayInJson) : ICodec<List<TItem>>
    where TItem : class
{
    public void WriteXml(XmlOutput output, List<TItem> value)
    {
        foreach (var entry in value)
        {
            if (entry is null)
            {
                continue;
            }

            output.CancellationToken.ThrowIfCancellationRequested();
            output.Writer.WriteStartElement(null, item, string.Empty);
            items.WriteXml(output, entry);
            output.Writer.WriteEndElement();
        }
    }

    public async Task<List<TItem>> ReadXmlAsync(XmlInput input)
    {
        var list = new List<TItem>();
        if (!await input.EnterAsync().ConfigureAwait(false))
        {
            return list;
        }

        while (await input.NextChildAsync().ConfigureAwait(false))
        {
            if (input.Reader.LocalName == item && !input.IsNil)
            {
                list.Add(await items.ReadXmlAsync(input).ConfigureAwait(false));
            }
            else
            {
                await input.Reader.SkipAsync().ConfigureAwait(false);
            }
        }

        return list;
    }

    public async ValueTask WriteJsonAsync(JsonOutput output, List<TItem> value)
    {
        var writer = output.Writer;
        if (!bareArrayInJson)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(item);
        }

        writer.WriteStartArray();
        foreach (var entry in value)
        {
            if (entry is not null)
            {
                await items.WriteJsonAsync(output, entry).ConfigureAwait(false);
                await output.FlushIfFullAsync().ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        if (!bareArrayInJson)
        {
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// Takes <c>{"item": [...]}</c>, a bare array, and the shapes JSON mappers make of one-item lists
    /// (<c>{"item": {...}}</c>, or the item itself where the list was expected).
    /// </summary>
    public List<TItem> ReadJson(JsonElement element, string path)
    {
        var list = new List<TItem>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                AddAll(list, element, path);
                break;
            case JsonValueKind.Object when element.TryGetProperty(item, out var inner):
                AddAll(list, inner, $"{path}.{item}");
                break;
            case JsonValueKind.Object:
                if (element.EnumerateObject().Any())
                {
                    list.Add(items.ReadJson(element, path));
                }

                break;
            case JsonValueKind.Null:
                break;
            default:
                list.Add(items.ReadJson(element, path));
                break;
        }

        return list;
    }

    private void AddAll(List<TItem> list, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                list.Add(items.ReadJson(element, path));
            }

            return;
        }

        var index = 0;
        foreach (var entry in element.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Null)
            {
                list.Add(items.ReadJson(entry, $"{path}[{index}]"));
            }

            index++;
        }
    }
}
