using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>A type that travels as a whole body, under its root element (<c>image</c>, <c>images</c>, ...).</summary>
internal abstract class Document(string root, Type type)
{
    public string Root => root;

    public Type Type => type;

    public static Document Of<T>(string root, ICodec<T> codec)
        where T : class =>
        new Document<T>(root, codec);

    public abstract void WriteXml(XmlOutput output, object value);

    public abstract Task<object> ReadXmlAsync(XmlInput input);

    public abstract ValueTask WriteJsonAsync(JsonOutput output, object value);

    public abstract object ReadJson(JsonElement element, string path);
}

internal sealed class Document<T>(string root, ICodec<T> codec) : Document(root, typeof(T))
    where T : class
{
    public override void WriteXml(XmlOutput output, object value) => codec.WriteXml(output, (T)value);

    public override async Task<object> ReadXmlAsync(XmlInput input) => await codec.ReadXmlAsync(input).ConfigureAwait(false);

    public override ValueTask WriteJsonAsync(JsonOutput output, object value) => codec.WriteJsonAsync(output, (T)value);

    public override object ReadJson(JsonElement element, string path) => codec.ReadJson(element, path);
}
