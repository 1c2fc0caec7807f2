using System.Text;
using System.Xml;

namespace Kiln.Wire;

/// <summary>Text made safe for XML, shared by Kiln's wire formats (UForge, CIMI).</summary>
public static class XmlSafeText
{
    /// <summary>
    /// Replaces the characters XML cannot carry (most C0 controls, lone surrogates) with U+FFFD. XmlWriter would
    /// throw on them halfway through a response, and text Kiln writes can hold them: a tool's stderr in a status
    /// message, with its terminal escapes.
    /// </summary>
    public static string Clean(string text)
    {
        var first = FirstInvalid(text, 0);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        var start = 0;
        for (var bad = first; bad >= 0; bad = FirstInvalid(text, start))
        {
            clean.Append(text, start, bad - start).Append('\uFFFD');
            start = bad + 1;
        }

        return clean.Append(text, start, text.Length - start).ToString();
    }

    private static int FirstInvalid(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }
}
