using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace Kiln.UForge.Wire;

/// <summary>
/// The reader of an XML body and what reading it needs besides: the nesting limit, cancellation, and errors that
/// name the line and the element.
/// </summary>
internal sealed class XmlInput(XmlReader reader, CancellationToken cancellationToken)
{
    // Deeper than any document of uforge.xsd; the limit keeps nested recursive elements (categories) from
    // exhausting the stack.
    private const int MaxDepth = 64;

    private readonly IXmlLineInfo? lines = reader as IXmlLineInfo;
    private int depth;

    public XmlReader Reader => reader;

    public (int Line, int Position) Position => lines is { } info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    /// <summary>True when the element the reader is on says <c>xsi:nil="true"</c>: read as absent.</summary>
    public bool IsNil => reader.GetAttribute("nil", XmlSchema.InstanceNamespace)?.Trim() is "true" or "1";

    /// <summary>The local part of the element's <c>xsi:type</c>, or null. The prefix is not checked: clients bind their own.</summary>
    public string? XsiType
    {
        get
        {
            var type = reader.GetAttribute("type", XmlSchema.InstanceNamespace)?.Trim();
            return type?[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
    }

    /// <summary>
    /// Children are read whether unqualified (the xsd's elementFormDefault, what UForge writes) or in the UForge
    /// namespace (what some clients send); elements of any other namespace are not ours.
    /// </summary>
    public bool IsOurs => reader.NamespaceURI.Length == 0 || reader.NamespaceURI == UForgeXml.Namespace;

    /// <summary>Steps into the element the reader is on; false (and the element consumed) when it is empty.</summary>
    public async Task<bool> EnterAsync()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return false;
        }

        if (++depth > MaxDepth)
        {
            throw Fail($"elements are nested more than {MaxDepth} deep");
        }

        await reader.ReadAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Moves to the next child element of ours, which the caller must then consume; at the parent's end tag, steps
    /// out and returns false. Text, comments and foreign elements between children are passed over.
    /// </summary>
    public async Task<bool> NextChildAsync()
    {
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when IsOurs:
                    return true;
                case XmlNodeType.Element:
                    await reader.SkipAsync().ConfigureAwait(false);
                    break;
                case XmlNodeType.EndElement:
                    depth--;
                    await reader.ReadAsync().ConfigureAwait(false);
                    return false;
                case XmlNodeType.None:
                    throw Fail("the body ends inside an element");
                default:
                    await reader.ReadAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Reads the text of a simple element, through its end tag.</summary>
    public async Task<string> ReadTextAsync()
    {
        var name = reader.LocalName;
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return string.Empty;
        }

        string? text = null;
        StringBuilder? longer = null;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    var part = await reader.GetValueAsync().ConfigureAwait(false);
                    if (text is null)
                    {
                        text = part;
                    }
                    else
                    {
                        (longer ??= new StringBuilder(text)).Append(part);
                    }

                    break;
                case XmlNodeType.EndElement:
                    await reader.ReadAsync().ConfigureAwait(false);
                    return longer?.ToString() ?? text ?? string.Empty;
                case XmlNodeType.Element:
                    throw Fail($"<{name}> must hold a value, not the element <{reader.Name}>");
            }
        }

        throw Fail($"the body ends inside <{name}>");
    }

    public UForgeFormatException Fail(string problem) => Fail(problem, Position);

    public static UForgeFormatException Fail(string problem, (int Line, int Position) at) =>
        at.Line > 0
            ? new UForgeFormatException($"Line {at.Line}, position {at.Position}: {problem}.") { LineNumber = at.Line, LinePosition = at.Position }
            : new UForgeFormatException($"{char.ToUpperInvariant(problem[0])}{problem[1..]}.");
}
