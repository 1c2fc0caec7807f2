using System.Text;
using System.Xml;
using Kiln.UForge.Wire;

namespace Kiln.UForge;

/// <summary>
/// UForge documents as XML: the root element qualified (<c>&lt;ns0:image xmlns:ns0="..."&gt;</c>), its descendants
/// unqualified, elements in the xsd's order, null properties left out, abstract types named with <c>xsi:type</c>.
/// </summary>
public static class UForgeXml
{
    public const string Namespace = "http://www.usharesoft.com/uforge";

    /// <summary>The prefix UForge itself writes; clients go by the namespace, but the output reads like theirs.</summary>
    public const string Prefix = "ns0";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
    };

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        // A DTD can declare entities that expand without bound or fetch files and URLs; a body never needs one,
        // so one is an error, and nothing is ever resolved.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>
    /// Writes <paramref name="document"/> under the root element of its type, synchronously: for a stream in memory
    /// (documents are small, and are sent whole), where waiting on each element would only cost.
    /// </summary>
    /// <exception cref="ArgumentException">The type is not a document Kiln writes.</exception>
    public static void Write(Stream stream, object document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        var entry = DocumentCatalog.ForWriting(document.GetType());
        using var writer = XmlWriter.Create(stream, WriterSettings);
        writer.WriteStartDocument();
        writer.WriteStartElement(Prefix, entry.Root, Namespace);
        entry.WriteXml(new XmlOutput(writer, cancellationToken), document);
        writer.WriteEndElement();
        writer.WriteEndDocument();
        writer.Flush();
    }

    /// <summary>Writes <paramref name="document"/> into memory, then to <paramref name="stream"/> in one write.</summary>
    /// <exception cref="ArgumentException">The type is not a document Kiln writes.</exception>
    public static async Task WriteAsync(Stream stream, object document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        Write(buffer, document, cancellationToken);
        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a body. The root may be in the UForge namespace or in none, its children qualified or not; xsi:type
    /// and other attributes are accepted, unknown elements skipped. The caller bounds the stream's length.
    /// </summary>
    /// <exception cref="UForgeFormatException">The body is not a <typeparamref name="T"/> document.</exception>
    public static async Task<T> ReadAsync<T>(Stream stream, CancellationToken cancellationToken = default)
        where T : class =>
        (T)await ReadAsync(stream, typeof(T), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="ReadAsync{T}(Stream, CancellationToken)"/>
    public static async Task<object> ReadAsync(Stream stream, Type type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(type);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        var input = new XmlInput(reader, cancellationToken);
        try
        {
            await reader.MoveToContentAsync().ConfigureAwait(false);
            var at = input.Position;
            var document = (reader.NamespaceURI is "" or Namespace ? DocumentCatalog.ForReading(reader.LocalName, type) : null)
                ?? throw input.Fail($"expected the element <{DocumentCatalog.RootOf(type)}> of namespace {Namespace}, not <{reader.Name}>");
            var result = await document.ReadXmlAsync(input).ConfigureAwait(false);

            // What follows the root must still be well-formed; reading to the end finds out.
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
            }

            return type.IsInstanceOfType(result)
                ? result
                : throw XmlInput.Fail($"expected the element <{DocumentCatalog.RootOf(type)}>, not a {result.GetType().Name}", at);
        }
        catch (XmlException e)
        {
            throw Malformed(e, e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : input.Position);
        }
    }

    private static UForgeFormatException Malformed(XmlException e, (int Line, int Position) at)
    {
        // XmlReader's own text for a DTD advises changing its settings, which is no advice for a client; it has no
        // line either (the reader stops at the DOCTYPE, before its first node).
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return new UForgeFormatException("A DTD (<!DOCTYPE ...>) is not accepted in a request body.", e);
        }

        return new UForgeFormatException($"The body is not well-formed XML: {e.Message}", e)
        {
            LineNumber = at.Line > 0 ? at.Line : null,
            LinePosition = at.Line > 0 ? at.Position : null,
        };
    }
}
