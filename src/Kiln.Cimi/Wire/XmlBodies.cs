using System.Xml;
using System.Xml.Linq;

namespace Kiln.Cimi.Wire;

/// <summary>
/// MachineImage bodies in XML. Hardened: a DTD is an error and nothing is ever resolved, so no entity expands and no
/// file or URL is read; the caller has bounded the size already. Lenient where clients differ: the root and its
/// children in the CIMI namespace or in none, values padded with whitespace, unknown and foreign elements skipped.
/// </summary>
internal static class XmlBodies
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static MachineImageBody ReadMachineImage(byte[] body)
    {
        var root = Load(body).Root!;
        if (!IsOurs(root) || !MachineImageBody.Roots.Contains(root.Name.LocalName))
        {
            var space = root.Name.NamespaceName.Length > 0 ? $" of namespace {root.Name.NamespaceName}" : "";
            throw Fail(root, $"expected the element <MachineImage> or <MachineImageCreate>, not <{root.Name.LocalName}>{space}");
        }

        string? name = null, description = null, imageLocation = null;
        MachineImageType? type = null;
        PropertyList? properties = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Elements().Where(IsOurs))
        {
            var local = element.Name.LocalName;
            if (local is "name" or "description" or "type" or "imageLocation" && !seen.Add(local))
            {
                throw Fail(element, $"<{local}> is given twice");
            }

            switch (local)
            {
                case "name":
                    name = Text(element);
                    break;
                case "description":
                    description = Text(element);
                    break;
                case "type":
                    type = Type(element);
                    break;
                case "imageLocation":
                    // Text as the xsd has it, or a reference as some clients send it.
                    imageLocation = element.Attribute("href")?.Value.Trim() ?? Text(element);
                    break;
                case "property":
                    Property(element, properties ??= new PropertyList());
                    break;
                default:
                    break;
            }
        }

        return new MachineImageBody(name, description, type, imageLocation, properties?.Items);
    }

    private static XDocument Load(byte[] body)
    {
        if (body.Length == 0)
        {
            throw new CimiFormatException("The body is empty: expected a <MachineImage> document.");
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

    private static MachineImageType Type(XElement element)
    {
        var text = Text(element);
        return CimiWireNames.TryParse(text, out var type)
            ? type
            : throw Fail(element, $"<type> must be {CimiWireNames.MachineImageTypes}, not \"{text}\"");
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
}
