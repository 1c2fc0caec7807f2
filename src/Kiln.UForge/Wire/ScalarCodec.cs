using Kiln.Wire;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Kiln.UForge.Wire;

internal delegate bool ScalarParser<T>(string text, [MaybeNullWhen(false)] out T value);

/// <summary>
/// A simple xsd type, as element text in XML and a JSON primitive. Reading JSON goes through the XML lexical form,
/// so <c>"512"</c> and <c>512</c> both read as a number (JSON mappers differ on that).
/// </summary>
internal sealed class ScalarCodec<T>(string xsdType, Func<T, string> format, ScalarParser<T> parse, Action<Utf8JsonWriter, T> writeJson)
    : ICodec<T>
{
    public void WriteXml(XmlOutput output, T value) => output.Writer.WriteString(XmlSafeText.Clean(format(value)));

    public async Task<T> ReadXmlAsync(XmlInput input)
    {
        var name = input.Reader.LocalName;
        var at = input.Position;
        var text = await input.ReadTextAsync().ConfigureAwait(false);
        return parse(text, out var value) ? value : throw XmlInput.Fail($"<{name}> must hold an {xsdType}, not \"{Excerpt.Of(text)}\"", at);
    }

    public ValueTask WriteJsonAsync(JsonOutput output, T value)
    {
        writeJson(output.Writer, value);
        return ValueTask.CompletedTask;
    }

    public T ReadJson(JsonElement element, string path)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return text is not null && parse(text, out var value)
            ? value
            : throw JsonInput.Fail(path, $"must be an {xsdType}, not {JsonInput.Describe(element)}");
    }
}
