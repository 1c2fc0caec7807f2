using Kiln.Wire;
using System.Globalization;
using System.Xml;

namespace Kiln.Cimi.Wire;

/// <summary>
/// Documents as XML elements: the root in the CIMI namespace as the default namespace (so every child is unprefixed),
/// with its <c>resourceURI</c> attribute; collection entries without one, as the seed shows.
/// </summary>
internal static class XmlDocuments
{
    private const string XmlNamespaces = "http://www.w3.org/2000/xmlns/";

    public static void Write(XmlWriter writer, object document, IReadOnlySet<string>? select) =>
        CimiDocuments.Write(document, new Target(writer, select));

    private static void Resource<T>(XmlWriter writer, T resource, ResourceKind<T> kind, IReadOnlySet<string>? select)
    {
        StartRoot(writer, kind.Element, CimiUris.Namespace);
        // The xsd declares resourceURI on Collection only; the seed (Deltacloud) and clients have it on single
        // resources too, and Kiln follows them: the one known deviation from the schema.
        writer.WriteAttributeString("resourceURI", kind.ResourceUri);
        kind.Attributes(resource, new XmlAttributeSink(writer, select));
        writer.WriteEndElement();
    }

    private static void Collection<T>(
        XmlWriter writer,
        string resourceUri,
        string? id,
        int count,
        IReadOnlyList<T> entries,
        ResourceKind<T> kind,
        IReadOnlyList<CimiOperation> operations,
        IReadOnlySet<string>? select)
    {
        StartRoot(writer, "Collection", CimiUris.Namespace);
        writer.WriteAttributeString("resourceURI", resourceUri);

        // $select picks the entries' attributes; the collection's own always appear.
        var own = new XmlAttributeSink(writer, select: null);
        own.Text("id", id);
        own.Integer("count", count);
        var entrySink = new XmlAttributeSink(writer, select);
        foreach (var entry in entries)
        {
            writer.WriteStartElement(kind.Element, CimiUris.Namespace);
            kind.Attributes(entry, entrySink);
            writer.WriteEndElement();
        }

        own.Operations(operations);
        writer.WriteEndElement();
    }

    // The namespace declared first, before resourceURI, as in the seed (XmlWriter would put it last).
    private static void StartRoot(XmlWriter writer, string element, string ns)
    {
        writer.WriteStartElement(element, ns);
        writer.WriteAttributeString("xmlns", XmlNamespaces, ns);
    }

    private static void Error(XmlWriter writer, CimiError error)
    {
        StartRoot(writer, "error", CimiUris.KilnNamespace);
        writer.WriteElementString("status", CimiUris.KilnNamespace, error.Status.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("message", CimiUris.KilnNamespace, XmlSafeText.Clean(error.Message));
        if (error.Path is not null)
        {
            writer.WriteElementString("path", CimiUris.KilnNamespace, XmlSafeText.Clean(error.Path));
        }

        writer.WriteEndElement();
    }

    private sealed class Target(XmlWriter writer, IReadOnlySet<string>? select) : IDocumentTarget
    {
        public void Resource<T>(T resource, ResourceKind<T> kind) => XmlDocuments.Resource(writer, resource, kind, select);

        public void Collection<T>(string resourceUri, string? id, int count, IReadOnlyList<T> entries, ResourceKind<T> kind,
            IReadOnlyList<CimiOperation> operations) =>
            XmlDocuments.Collection(writer, resourceUri, id, count, entries, kind, operations, select);

        public void Error(CimiError error) => XmlDocuments.Error(writer, error);
    }
}
