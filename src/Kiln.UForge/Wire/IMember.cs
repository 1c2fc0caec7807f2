using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>
/// One element of an xsd sequence, bound to a property of <typeparamref name="TOwner"/>. Contravariant, so the
/// members of a base type (<c>UForgeObject</c>) serve every derived type, as xsd extension does.
/// </summary>
internal interface IMember<in TOwner>
{
    /// <summary>The element name, which is also the JSON property name.</summary>
    string Name { get; }

    /// <summary>Another JSON property name the member answers to; differs only for the items of a list document.</summary>
    string JsonName { get; }

    /// <summary>Writes the element, or nothing when the property is null (every element Kiln uses is optional).</summary>
    void WriteXml(XmlOutput output, TOwner owner);

    Task ReadXmlAsync(XmlInput input, TOwner owner);

    /// <summary>Writes the property and its value, or nothing when the property is null.</summary>
    ValueTask WriteJsonAsync(JsonOutput output, TOwner owner);

    void ReadJson(JsonElement element, string path, TOwner owner);
}
