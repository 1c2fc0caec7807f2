using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>Errors in a JSON body, named by the path of the value (<c>$.image.installProfile.memorySize</c>).</summary>
internal static class JsonInput
{
    public static UForgeFormatException Fail(string path, string problem) => new($"{path} {problem}.");

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Excerpt.Of(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Excerpt.Of(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        _ => "null",
    };
}
