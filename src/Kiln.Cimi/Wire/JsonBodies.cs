using System.Globalization;
using System.Text.Json;

namespace Kiln.Cimi.Wire;

/// <summary>
/// Request bodies in JSON: a flat object of attributes (<c>resourceURI</c> and unknown members skipped), or one wrapped
/// in a member named like an XML root (<c>{"machineImageCreate": {...}}</c>). Values padded with whitespace are
/// trimmed; <c>null</c> is the same as absent. One file per kind of body; this one has what they share.
/// </summary>
internal static partial class JsonBodies
{
    private static readonly JsonDocumentOptions Options = new()
    {
        // Deeper than any CIMI body; the limit bounds the parser's work on hostile nesting.
        MaxDepth = 32,
    };

    private static JsonDocument Parse(byte[] body, BodyKind kind)
    {
        if (body.Length == 0)
        {
            throw new CimiFormatException($"The body is empty: expected a JSON object with the {kind.Document}'s attributes.");
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

    /// <summary>The object holding the body's attributes, and its path: the root, or the one it wraps.</summary>
    private static (JsonElement Object, string Path) Root(JsonDocument json, BodyKind kind)
    {
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail("$", $"expected a JSON object with the {kind.Document}'s attributes, not {Describe(root)}");
        }

        using var members = root.EnumerateObject();
        if (!members.MoveNext())
        {
            return (root, "$");
        }

        var only = members.Current;
        return !members.MoveNext() && kind.Roots.Contains(only.Name) && only.Value.ValueKind == JsonValueKind.Object
            ? (only.Value, JsonPath.Member("$", only.Name))
            : (root, "$");
    }

    /// <summary>The object's members with their paths, refusing a second one of the names in <paramref name="once"/>.</summary>
    private static IEnumerable<(JsonProperty Member, string At)> Members(JsonElement value, string path, IReadOnlyCollection<string> once)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            var at = JsonPath.Member(path, member.Name);
            if (once.Contains(member.Name) && !seen.Add(member.Name))
            {
                throw Fail(at, "is given twice");
            }

            yield return (member, at);
        }
    }

    private static string? String(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Null => null,
        _ => throw Fail(at, $"must be a string, not {Describe(value)}"),
    };

    /// <summary>A count or a size: a JSON integer (or a string holding one), never negative.</summary>
    private static long? Integer(JsonElement value, string at, long max)
    {
        long number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out number) && number >= 0:
                break;

            // As properties take 2 for "2", sizes take "2" for 2: clients that build JSON from strings send them so.
            case JsonValueKind.String when long.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number) && number >= 0:
                break;
            default:
                var shown = value.ValueKind switch
                {
                    JsonValueKind.Number => value.GetRawText(),
                    JsonValueKind.String => $"\"{value.GetString()}\"",
                    _ => Describe(value),
                };
                throw Fail(at, $"must be an integer of 0 or more, not {shown}");
        }

        return number <= max ? number : throw Fail(at, $"must be at most {max}, not {number}");
    }

    private static bool? Boolean(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.String when bool.TryParse(value.GetString()!.Trim(), out var flag) => flag,
        _ => throw Fail(at, $"must be true or false, not {Describe(value)}"),
    };

    /// <summary>A reference to a resource: <c>{"href": ".."}</c> as CIMI has it, or the URI as a plain string.</summary>
    private static string? Ref(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.Object => Href(value, at),
        JsonValueKind.String or JsonValueKind.Null => String(value, at),
        _ => throw Fail(at, $"must be a string or an object with an href, not {Describe(value)}"),
    };

    private static string? Href(JsonElement reference, string at) =>
        reference.TryGetProperty("href", out var href)
            ? String(href, JsonPath.Member(at, "href"))
            : throw Fail(at, "must be a string or an object with an href");

    private static IReadOnlyList<KeyValuePair<string, string>>? PropertyObject(JsonElement value, string at)
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

    /// <summary>What every resource's body may say of itself: name, description and properties.</summary>
    private sealed class Common
    {
        /// <summary>The names of <see cref="Read"/>'s members; each may appear once only.</summary>
        public static IReadOnlyCollection<string> Once { get; } = ["name", "description", "properties"];

        public string? Name { get; private set; }

        public string? Description { get; private set; }

        /// <summary>Null when the body has no properties (or null for them).</summary>
        public IReadOnlyList<KeyValuePair<string, string>>? Properties { get; private set; }

        /// <summary>False when <paramref name="member"/> is none of the common ones.</summary>
        public bool Read(JsonProperty member, string at)
        {
            switch (member.Name)
            {
                case "name":
                    Name = String(member.Value, at);
                    return true;
                case "description":
                    Description = String(member.Value, at);
                    return true;
                case "properties":
                    Properties = PropertyObject(member.Value, at);
                    return true;
                default:
                    return false;
            }
        }
    }
}
