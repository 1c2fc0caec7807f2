using Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>A UForge document written out in one representation: its bytes, their media type, and its ETag when it has a digest.</summary>
internal sealed record RenderedDocument(ReadOnlyMemory<byte> Body, string ContentType, string? ETag)
{
    public static string? ETagOf(object document) => document is UForgeObject { Digest: { } digest } ? $"\"{digest}\"" : null;

    public static async Task<RenderedDocument> RenderAsync(object document, bool json, CancellationToken cancellationToken)
    {
        // Written whole into memory (documents are small): sent in one write, with a Content-Length.
        using var buffer = new MemoryStream();
        if (json)
            await UForgeJson.WriteAsync(buffer, document, cancellationToken).ConfigureAwait(false);
        else
            UForgeXml.Write(buffer, document, cancellationToken);
        return new(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), json ? MediaTypes.Json : MediaTypes.Xml, ETagOf(document));
    }
}
