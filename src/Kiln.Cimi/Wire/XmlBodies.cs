using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Kiln.Cimi.Wire;

/// <summary>
/// Request bodies in XML. Hardened: a DTD is an error and nothing is ever resolved, so no entity expands and no file or
/// URL is read; the caller has bounded the size already. Lenient where clients differ: the root and its children in
/// the CIMI namespace or in none, values padded with whitespace, unknown and foreign elements skipped. One file per
/// kind of body; this one has what they share.
/// </summary>
internal static partial class XmlBodies
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The body's root, once it is known to be one of <paramref name="kind"/>'s.</summary>
    private static XElement Root(byte[] body, BodyKind kind)
    {
        var root = Load(body, kind).Root!;
        if (!IsOurs(root) || !kind.Roots.Contains(root.Name.LocalName))
        {
            var space = root.Name.NamespaceName.Length > 0 ? $" of namespace {root.Name.NamespaceName}" : "";
            throw Fail(root, $"expected the element {kind.ExpectedRoots}, not <{root.Name.LocalName}>{space}");
        }

        return root;
    }

    private static XDocument Load(byte[] body, BodyKind kind)
    {
        if (body.Length == 0)
        {
            throw new CimiFormatException($"The body is empty: expected {kind.Article} <{kind.Document}> document.");
        }

        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // XmlReader's own words for a DTD advise changing its settings, which is no advice for a client.
            if (e.Message.Contains("DTD", StringComparison.Ordinal))
            {
                throw new CimiFormatException("A DTD (<!DOCTYPE ...>) is not accepted in a request body.", e);
            }

            throw new CimiFormatException($"The body is not well-formed XML: {e.Message}", e)
            {
                LineNumber = e.LineNumber > 0 ? e.LineNumber : null,
                LinePosition = e.LineNumber > 0 ? e.LinePosition : null,
            };
        }
    }

    /// <summary>The children of <paramref name="parent"/> that are ours, refusing a second one of the names in <paramref name="once"/>.</summary>
    private static IEnumerable<XElement> Children(XElement parent, IReadOnlyCollection<string> once)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in parent.Elements().Where(IsOurs))
        {
            var local = element.Name.LocalName;
            if (once.Contains(local) && !seen.Add(local))
            {
                throw Fail(element, $"<{local}> is given twice");
            }

            yield return element;
        }
    }

    // Unqualified (what clients written from examples send) or CIMI's; elements of other namespaces are not ours.
    private static bool IsOurs(XElement element) =>
        element.Name.NamespaceName is "" or CimiUris.Namespace;

    private static string Text(XElement element)
    {
        if (element.HasElements)
        {
            throw Fail(element, $"<{element.Name.LocalName}> holds elements, not text");
        }

        return string.Concat(element.Nodes().OfType<XText>().Select(text => text.Value)).Trim();
    }

    /// <summary>A count or a size: xs:integer, and never negative.</summary>
    private static long Integer(XElement element, long max)
    {
        var (local, text) = (element.Name.LocalName, Text(element));
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw Fail(element, $"<{local}> must be an integer of 0 or more, not \"{text}\"");
        }

        return value <= max ? value : throw Fail(element, $"<{local}> must be at most {max}, not {text}");
    }

    /// <summary>xs:boolean (<c>true</c>, <c>false</c>, <c>1</c>, <c>0</c>), whatever the letter case.</summary>
    private static bool Boolean(XElement element)
    {
        var text = Text(element);
        return text.ToUpperInvariant() switch
        {
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => throw Fail(element, $"<{element.Name.LocalName}> must be true or false, not \"{text}\""),
        };
    }

    /// <summary>The element's <c>href</c>, trimmed; null when it has none or an empty one.</summary>
    private static string? Href(XElement element) =>
        element.Attribute("href")?.Value.Trim() is { Length: > 0 } href ? href : null;

    /// <summary>A reference to a resource: its <c>href</c>, or the URI as the element's text as some clients send it.</summary>
    private static string Ref(XElement element)
    {
        if (Href(element) is { } href)
        {
            return href;
        }

        var local = element.Name.LocalName;
        return !element.HasElements && Text(element) is { Length: > 0 } text
            ? text
            : throw Fail(element, $"<{local}> needs an href attribute (<{local} href=\"...\"/>)");
    }

    private static void Property(XElement element, PropertyList properties)
    {
        // The xsd names the attribute "name"; Deltacloud's documentation and some clients say "key".
        var name = (element.Attribute("name") ?? element.Attribute("key"))?.Value.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw Fail(element, "<property> needs a name attribute (<property name=\"...\">value</property>)");
        }

        if (!properties.TryAdd(name, Text(element)))
        {
            throw Fail(element, $"the property \"{name}\" is given twice");
        }
    }

    private static CimiFormatException Fail(XElement element, string message)
    {
        var line = (IXmlLineInfo)element;
        return line.HasLineInfo()
            ? new CimiFormatException($"Line {line.LineNumber}, position {line.LinePosition}: {message}.")
            {
                LineNumber = line.LineNumber,
                LinePosition = line.LinePosition,
            }
            : new CimiFormatException(char.ToUpperInvariant(message[0]) + message[1..] + ".");
    }

    /// <summary>What every resource's body may say of itself: name, description and properties.</summary>
    private sealed class Common
    {
        private PropertyList? properties;

        /// <summary>The names of <see cref="Read"/>'s elements that may appear once only.</summary>
        public static IReadOnlyCollection<string> Once { get; } = ["name", "description"];

        public string? Name { get; private set; }

        public string? Description { get; private set; }

        /// <summary>Null when the body has no property at all.</summary>
        public IReadOnlyList<KeyValuePair<string, string>>? Properties => properties?.Items;

        /// <summary>False when <paramref name="element"/> is none of the common ones.</summary>
        public bool Read(XElement element)
        {
            switch (element.Name.LocalName)
            {
                case "name":
                    Name = Text(element);
                    return true;
                case "description":
                    Description = Text(element);
                    return true;
                case "property":
                    Property(element, properties ??= new PropertyList());
                    return true;
                default:
                    return false;
            }
        }
    }
}
