namespace Kiln.UForge.Wire;

internal static class Excerpt
{
    // Enough of a bad value to recognise it in an error message, without echoing a whole body back.
    private const int Length = 40;

    public static string Of(string text) => text.Length <= Length ? text : string.Concat(text.AsSpan(0, Length), "...");
}
