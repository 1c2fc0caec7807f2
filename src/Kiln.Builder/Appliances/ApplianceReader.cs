using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Builder.Appliances;

/// <summary>Reads an appliance definition from JSON; unknown or mistyped fields are errors that name the field.</summary>
public static class ApplianceReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
    };

    public static ApplianceDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ApplianceDefinition>(json, Options)
                ?? throw Invalid("appliance", "the appliance definition is empty (null)");
        }
        catch (JsonException e)
        {
            throw Invalid(FieldOf(e.Path), Describe(e));
        }
    }

    public static async Task<ApplianceDefinition> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid("appliance", $"cannot read {path}: {e.Message}");
        }
        return Parse(json);
    }

    public static string Serialize(ApplianceDefinition appliance) => JsonSerializer.Serialize(appliance, Options);

    private static ApplianceValidationException Invalid(string field, string message) =>
        new([new ValidationError(field, message)]);

    private static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "appliance" : jsonPath.TrimStart('$', '.');

    private static string Describe(JsonException e)
    {
        // System.Text.Json's messages name the CLR type; say what the user can act on instead.
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return "unknown field " + ExtractQuoted(message) + " (check its spelling)";
        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
            return "must not be null (omit the field to use its default)";
        if (e.InnerException is FormatException || message.Contains("could not be converted", StringComparison.Ordinal))
            return "has the wrong type or value" + (e.LineNumber is { } line ? $" (line {line + 1})" : "");
        return "is not valid JSON" + (e.LineNumber is { } l ? $" at line {l + 1}" : "") + ": " + message.Split('.')[0];
    }

    private static string ExtractQuoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return start >= 0 && end > start ? message[start..(end + 1)] : "";
    }
}
