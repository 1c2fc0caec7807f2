using System.Text.Json;

namespace Kiln.Cimi.Wire;

/// <summary>
/// Documents as flat JSON objects: <c>resourceURI</c> first, then the attributes; a collection's entries in an array
/// under their collection member (<c>machineImages</c>), each with its own <c>resourceURI</c>.
/// </summary>
internal static class JsonDocuments
{
    public static void Write(Utf8JsonWriter writer, object document, IReadOnlySet<string>? select) =>
        CimiDocuments.Write(document, new Target(writer, select));

    private static void Resource<T>(Utf8JsonWriter writer, T resource, ResourceKind<T> kind, JsonAttributeSink sink)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceURI", kind.ResourceUri);
        kind.Attributes(resource, sink);
        writer.WriteEndObject();
    }

    private static void Collection<T>(
        Utf8JsonWriter writer,
        string resourceUri,
        string? id,
        int count,
        IReadOnlyList<T> entries,
        ResourceKind<T> kind,
        IReadOnlyList<CimiOperation> operations,
        IReadOnlySet<string>? select)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceURI", resourceUri);

        // $select picks the entries' attributes; the collection's own always appear.
        var own = new JsonAttributeSink(writer, select: null);
        own.Text("id", id);
        own.Integer("count", count);

        // Always present, even empty: clients iterate it without looking first.
        writer.WriteStartArray(kind.CollectionMember);
        var entrySink = new JsonAttributeSink(writer, select);
        foreach (var entry in entries)
        {
            Resource(writer, entry, kind, entrySink);
        }

        writer.WriteEndArray();
        own.Operations(operations);
        writer.WriteEndObject();
    }

    private static void Error(Utf8JsonWriter writer, CimiError error)
    {
        writer.WriteStartObject();
        writer.WriteNumber("status", error.Status);
        writer.WriteString("message", error.Message);
        if (error.Path is not null)
        {
            writer.WriteString("path", error.Path);
        }

        writer.WriteEndObject();
    }

    private sealed class Target(Utf8JsonWriter writer, IReadOnlySet<string>? select) : IDocumentTarget
    {
        public void Resource<T>(T resource, ResourceKind<T> kind) =>
            JsonDocuments.Resource(writer, resource, kind, new JsonAttributeSink(writer, select));

        public void Collection<T>(string resourceUri, string? id, int count, IReadOnlyList<T> entries, ResourceKind<T> kind,
            IReadOnlyList<CimiOperation> operations) =>
            JsonDocuments.Collection(writer, resourceUri, id, count, entries, kind, operations, select);

        public void Error(CimiError error) => JsonDocuments.Error(writer, error);
    }
}
