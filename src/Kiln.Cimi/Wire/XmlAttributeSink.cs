using Kiln.Wire;
using System.Globalization;
using System.Xml;

namespace Kiln.Cimi.Wire;

/// <summary>Attributes as elements of the CIMI namespace, unprefixed under the root's default namespace.</summary>
internal sealed class XmlAttributeSink(XmlWriter writer, IReadOnlySet<string>? select) : AttributeSink(select)
{
    protected override void WriteText(string attribute, string value) =>
        writer.WriteElementString(attribute, CimiUris.Namespace, XmlSafeText.Clean(value));

    protected override void WriteInteger(string attribute, long value) =>
        writer.WriteElementString(attribute, CimiUris.Namespace, value.ToString(CultureInfo.InvariantCulture));

    protected override void WriteBoolean(string attribute, bool value) =>
        writer.WriteElementString(attribute, CimiUris.Namespace, value ? "true" : "false");

    protected override void WriteRef(string attribute, string href) => Href(attribute, href);

    protected override void WriteRefs(string attribute, string element, IReadOnlyList<string> hrefs)
    {
        foreach (var href in hrefs)
        {
            Href(element, href);
        }
    }

    protected override void WriteObjects<TItem>(string attribute, string element, IReadOnlyList<TItem> items, Action<TItem, AttributeSink> parts)
    {
        var inner = new XmlAttributeSink(writer, select: null);
        foreach (var item in items)
        {
            writer.WriteStartElement(element, CimiUris.Namespace);
            parts(item, inner);
            writer.WriteEndElement();
        }
    }

    protected override void WriteJsonOnlyText(string attribute, string value)
    {
    }

    protected override void WriteProperties(IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        foreach (var (name, value) in properties)
        {
            writer.WriteStartElement("property", CimiUris.Namespace);
            writer.WriteAttributeString("name", XmlSafeText.Clean(name));
            writer.WriteString(XmlSafeText.Clean(value));
            writer.WriteEndElement();
        }
    }

    protected override void WriteOperations(IReadOnlyList<CimiOperation> operations)
    {
        foreach (var operation in operations)
        {
            writer.WriteStartElement("operation", CimiUris.Namespace);
            writer.WriteAttributeString("rel", XmlSafeText.Clean(operation.Rel));
            writer.WriteAttributeString("href", XmlSafeText.Clean(operation.Href));
            writer.WriteEndElement();
        }
    }

    protected override void WriteForeign(string attribute, string value) =>
        writer.WriteElementString(attribute, CimiUris.KilnNamespace, XmlSafeText.Clean(value));

    private void Href(string element, string href)
    {
        writer.WriteStartElement(element, CimiUris.Namespace);
        writer.WriteAttributeString("href", XmlSafeText.Clean(href));
        writer.WriteEndElement();
    }
}
