using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>Reads and writes the values of one xsd type, as XML element content and as a JSON value.</summary>
internal interface ICodec<T>
{
    /// <summary>Writes the attributes and content of an element the caller has opened and will close.</summary>
    void WriteXml(XmlOutput output, T value);

    /// <summary>Reads the element the reader is on, up to and including its end tag.</summary>
    Task<T> ReadXmlAsync(XmlInput input);

    /// <summary>Writes one JSON value.</summary>
    ValueTask WriteJsonAsync(JsonOutput output, T value);

    /// <summary>Reads one JSON value; <paramref name="path"/> (<c>$.image.installProfile</c>) names it in errors.</summary>
    T ReadJson(JsonElement element, string path);
}
