using System.Text.Json;
using Kiln.UForge.Wire;

namespace Kiln.UForge;

/// <summary>
/// UForge documents as JSON, with the XML's names: the document under its root name (<c>{"image": {...}}</c>),
/// a list's items under their element name (<c>{"images": {"total": 2, "image": [...]}}</c>), nested lists as
/// in XML (<c>"users": {"user": [...]}</c>), dates as in XML, <c>"xsi:type"</c> for abstract types.
/// </summary>
public static class UForgeJson
{
    private static readonly JsonDocumentOptions ReaderOptions = new()
    {
        // Deeper than any document of uforge.xsd.
        MaxDepth = 64,
    };

    /// <summary>Writes <paramref name="document"/> under the root name of its type, flushing to the stream as it goes.</summary>
    /// <exception cref="ArgumentException">The type is not a document Kiln writes.</exception>
    public static async Task WriteAsync(Stream stream, object document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        var entry = DocumentCatalog.ForWriting(document.GetType());
        var writer = new Utf8JsonWriter(stream);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(entry.Root);
            await entry.WriteJsonAsync(new JsonOutput(writer, cancellationToken), document).ConfigureAwait(false);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a body: an object with the root name as a property; numbers and booleans may come as strings, one-item
    /// lists without their array, unknown properties are skipped. The caller bounds the stream's length.
    /// </summary>
    /// <exception cref="UForgeFormatException">The body is not a <typeparamref name="T"/> document.</exception>
    public static async Task<T> ReadAsync<T>(Stream stream, CancellationToken cancellationToken = default)
        where T : class =>
        (T)await ReadAsync(stream, typeof(T), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="ReadAsync{T}(Stream, CancellationToken)"/>
    public static async Task<object> ReadAsync(Stream stream, Type type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(type);
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(stream, ReaderOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var position = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new UForgeFormatException($"The body is not well-formed JSON: line {line}, position {position}: {e.Message}", e)
            {
                LineNumber = line,
                LinePosition = position,
            };
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (DocumentCatalog.ForReading(property.Name, type) is { } document
                        && document.ReadJson(property.Value, $"$.{property.Name}") is var result
                        && type.IsInstanceOfType(result))
                    {
                        return result;
                    }
                }
            }

            var expected = DocumentCatalog.RootOf(type);
            throw new UForgeFormatException($"Expected a JSON object whose property \"{expected}\" holds the document, not {JsonInput.Describe(root)} without it.");
        }
    }
}
