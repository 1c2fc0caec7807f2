using System.Text.Encodings.Web;
using System.Text.Json;
using Kiln.Cimi.Wire;

namespace Kiln.Cimi;

/// <summary>
/// CIMI documents as JSON (<c>application/json</c>): flat objects with <c>resourceURI</c> first, then the attributes
/// in the xsd's order; references as <c>{"href": ".."}</c>, <c>properties</c> an object, <c>operations</c> an array
/// of <c>{rel, href}</c>; a collection's entries under <c>machineImages</c>, <c>machines</c>, <c>disks</c>,
/// <c>machineConfigurations</c>, <c>machineTemplates</c> or <c>jobs</c>, each with its own <c>resourceURI</c>. Absent
/// values are left out.
/// </summary>
public static partial class CimiJson
{
    /// <summary>The Content-Type of answers, exactly (clients compare it without parameters).</summary>
    public const string ContentType = "application/json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The answer is JSON, never HTML: '+' of a date's offset and non-ASCII names stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc cref="CimiXml.Write(Stream, object, IReadOnlySet{string})"/>
    public static void Write(Stream stream, object document, IReadOnlySet<string>? select = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        JsonDocuments.Write(writer, document, select);
        writer.Flush();
    }

    /// <summary>
    /// Reads a create body: an object of attributes (or one under <c>MachineImage</c> / <c>MachineImageCreate</c> /
    /// <c>machineImageCreate</c>); <c>imageLocation</c> a string or <c>{"href": ".."}</c>; <c>properties</c> an object;
    /// strings trimmed; unknown members skipped. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, or a value of the wrong kind (the message names its JSON path).</exception>
    public static MachineImageCreate ReadMachineImageCreate(Stream body, long maxBytes) =>
        JsonBodies.ReadMachineImage(BodyBuffer.Read(body, maxBytes)).ToCreate();

    /// <inheritdoc cref="ReadMachineImageCreate(Stream, long)"/>
    public static async Task<MachineImageCreate> ReadMachineImageCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadMachineImage(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false)).ToCreate();

    /// <summary>Reads an edit body (PUT): as a create body, keeping name, description and properties.</summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, or a value of the wrong kind.</exception>
    public static MachineImageEdit ReadMachineImageEdit(Stream body, long maxBytes) =>
        JsonBodies.ReadMachineImage(BodyBuffer.Read(body, maxBytes)).ToEdit();

    /// <inheritdoc cref="ReadMachineImageEdit(Stream, long)"/>
    public static async Task<MachineImageEdit> ReadMachineImageEditAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadMachineImage(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false)).ToEdit();
}
