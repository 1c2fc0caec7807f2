using System.Text;
using System.Xml;
using Kiln.Cimi.Wire;

namespace Kiln.Cimi;

/// <summary>
/// CIMI documents as XML (<c>application/xml</c>): the root in the CIMI namespace as default namespace
/// (<c>&lt;MachineImage xmlns="http://schemas.dmtf.org/cimi/1" resourceURI="..."&gt;</c>), children unprefixed, in
/// the xsd's order, absent values left out. Writes <see cref="CloudEntryPoint"/>, <see cref="MachineImage"/>,
/// <see cref="Machine"/>, <see cref="Disk"/>, <see cref="MachineConfiguration"/>, <see cref="MachineTemplate"/>,
/// <see cref="Job"/>, their collections, and <see cref="CimiError"/>; reads MachineImage create and edit bodies, and
/// the create bodies of machines, machine configurations and machine templates, and action bodies.
/// </summary>
public static partial class CimiXml
{
    /// <summary>The Content-Type of answers, exactly (clients compare it without parameters).</summary>
    public const string ContentType = "application/xml";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        CloseOutput = false,
    };

    /// <summary>
    /// Writes <paramref name="document"/>. <paramref name="select"/> is CIMI's <c>$select</c>: when given, only the
    /// attributes it names (or all for <c>*</c>) appear; on a collection it picks the entries' attributes, and the
    /// collection keeps its id, count and operations.
    /// </summary>
    /// <exception cref="ArgumentException">The type is not a CIMI document Kiln writes, or a CEP names an unknown collection.</exception>
    public static void Write(Stream stream, object document, IReadOnlySet<string>? select = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        using var writer = XmlWriter.Create(stream, WriterSettings);
        writer.WriteStartDocument();
        XmlDocuments.Write(writer, document, select);
        writer.WriteEndDocument();
    }

    /// <summary>
    /// Reads a create body: root <c>MachineImage</c>, <c>MachineImageCreate</c> or <c>machineImageCreate</c>, in the
    /// CIMI namespace or none; <c>imageLocation</c> as text or as <c>href</c>; <c>property</c> with <c>name</c> or
    /// <c>key</c>; text trimmed; unknown elements skipped. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, a DTD, not well-formed, or not a MachineImage.</exception>
    public static MachineImageCreate ReadMachineImageCreate(Stream body, long maxBytes) =>
        XmlBodies.ReadMachineImage(BodyBuffer.Read(body, maxBytes)).ToCreate();

    /// <inheritdoc cref="ReadMachineImageCreate(Stream, long)"/>
    public static async Task<MachineImageCreate> ReadMachineImageCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadMachineImage(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false)).ToCreate();

    /// <summary>Reads an edit body (PUT): as a create body, keeping name, description and properties.</summary>
    /// <exception cref="CimiFormatException">Larger than allowed, a DTD, not well-formed, or not a MachineImage.</exception>
    public static MachineImageEdit ReadMachineImageEdit(Stream body, long maxBytes) =>
        XmlBodies.ReadMachineImage(BodyBuffer.Read(body, maxBytes)).ToEdit();

    /// <inheritdoc cref="ReadMachineImageEdit(Stream, long)"/>
    public static async Task<MachineImageEdit> ReadMachineImageEditAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadMachineImage(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false)).ToEdit();
}
