using System.Text.Json;

namespace Kiln.Cimi.Wire;

/// <summary>
/// MachineImage bodies in JSON: a flat object of attributes (<c>resourceURI</c> and unknown members skipped), or one
/// wrapped in a member named like an XML root (<c>{"machineImageCreate": {...}}</c>). Values padded with whitespace
/// are trimmed; <c>null</c> is the same as absent.
/// </summary>
internal static class JsonBodies
{
    private static readonly JsonDocumentOptions Options = new()
    {
        // Deeper than any MachineImage body; the limit bounds the parser's work on hostile nesting.
        MaxDepth = 32,
    };

    public static MachineImageBody ReadMachineImage(byte[] body)
    {
        using var json = Parse(body);
        var (image, path) = (json.RootElement, "$");
        if (image.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"expected a JSON object with the MachineImage's attributes, not {Describe(image)}");
        }

        if (Wrapped(image) is { } wrapped)
        {
            (image, path) = (wrapped.Value, JsonPath.Member(path, wrapped.Name));
        }

        string? name = null, description = null, imageLocation = null;
        MachineImageType? type = null;
        IReadOnlyList<KeyValuePair<string, string>>? properties = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in image.EnumerateObject())
        {
            var at = JsonPath.Member(path, member.Name);
            if (member.Name is "name" or "description" or "type" or "imageLocation" or "properties" && !seen.Add(member.Name))
            {
                throw Fail(at, "is given twice");
            }

            switch (member.Name)
            {
                case "name":
                    name = String(member.Value, at);
                    break;
                case "description":
                    description = String(member.Value, at);
                    break;
                case "type":
                    type = String(member.Value, at) is { } text ? Type(text, at) : null;
                    break;
                case "imageLocation":
                    // A string as CIMI has it, or a reference as some clients send it.
                    imageLocation = member.Value.ValueKind == JsonValueKind.Object
                        ? Href(member.Value, at)
                        : String(member.Value, at);
                    break;
                case "properties":
                    properties = Properties(member.Value, at);
                    break;
                default:
                    break;
            }
        }

        return new MachineImageBody(name, description, type, imageLocation, properties);
    }

    private static JsonDocument Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            throw new CimiFormatException("The body is empty: expected a JSON object with the MachineImage's attributes.");
        }

        // Some clients (PowerShell, .NET's Encoding.UTF8) put a byte order mark first; the parser refuses one.
        var json = body.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var position = (int)(e.BytePositionInLine ?? 0) + 1;
            var path = e.Path ?? "$";

            // The parser's text ends with its own 0-based "LineNumber: 0 | BytePositionInLine: 9."; ours replaces it.
            var what = e.Message;
            var cut = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
            what = cut > 0 ? what[..cut] : what;
            throw new CimiFormatException($"The body is not well-formed JSON: line {line}, position {position} (at {path}): {what}", e)
            {
                LineNumber = line,
                LinePosition = position,
                Path = path,
            };
        }
    }

    private static (string Name, JsonElement Value)? Wrapped(JsonElement root)
    {
        using var members = root.EnumerateObject();
        if (!members.MoveNext())
        {
            return null;
        }

        var only = members.Current;
        return !members.MoveNext() && MachineImageBody.Roots.Contains(only.Name) && only.Value.ValueKind == JsonValueKind.Object
            ? (only.Name, only.Value)
            : null;
    }

    private static string? String(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Null => null,
        _ => throw Fail(at, $"must be a string, not {Describe(value)}"),
    };

    private static MachineImageType Type(string text, string at) =>
        CimiWireNames.TryParse(text, out var type)
            ? type
            : throw Fail(at, $"must be {CimiWireNames.MachineImageTypes}, not \"{text}\"");

    private static string? Href(JsonElement reference, string at) =>
        reference.TryGetProperty("href", out var href)
            ? String(href, JsonPath.Member(at, "href"))
            : throw Fail(at, "must be a string or an object with an href");

    private static IReadOnlyList<KeyValuePair<string, string>>? Properties(JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(at, $"must be an object of names to values, not {Describe(value)}");
        }

        var properties = new PropertyList();
        foreach (var property in value.EnumerateObject())
        {
            var where = JsonPath.Member(at, property.Name);
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!.Trim(),

                // A number or a boolean stands for its text: properties are strings, but clients send 2 for "2".
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw Fail(where, $"must be a string, not {Describe(property.Value)}"),
            };
            if (!properties.TryAdd(property.Name.Trim(), text))
            {
                throw Fail(where, "is given twice");
            }
        }

        return properties.Items;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static CimiFormatException Fail(string path, string message) => new($"{path} {message}.") { Path = path };
}
