using System.Text.Json;
using System.Xml.Schema;

namespace Kiln.UForge.Wire;

/// <summary>
/// An abstract xsd type (<c>DistribProfile</c>): each element names its concrete type with <c>xsi:type</c>, which a
/// validating client requires. JSON carries the same name in an <c>"xsi:type"</c> property. A body that leaves the
/// type out is read as the first variant, the only one most clients mean.
/// </summary>
internal sealed class Polymorphic<TBase>(params Variant<TBase>[] variants) : ICodec<TBase>
    where TBase : class
{
    public const string JsonTypeProperty = "xsi:type";

    public static Variant<TBase> Variant<TDerived>(string xsiType, Func<Shape<TDerived>> shape)
        where TDerived : class, TBase =>
        new Variant<TBase, TDerived>(xsiType, shape);

    public void WriteXml(XmlOutput output, TBase value)
    {
        var variant = For(value);
        var prefix = output.Writer.LookupPrefix(UForgeXml.Namespace);
        var type = string.IsNullOrEmpty(prefix) ? variant.XsiType : $"{prefix}:{variant.XsiType}";
        output.Writer.WriteAttributeString("xsi", "type", XmlSchema.InstanceNamespace, type);
        variant.WriteXml(output, value);
    }

    public Task<TBase> ReadXmlAsync(XmlInput input)
    {
        var type = input.XsiType;
        var variant = type is null
            ? variants[0]
            : Array.Find(variants, v => v.XsiType == type) ?? throw input.Fail(Unsupported(type, input.Reader.LocalName));
        return variant.ReadXmlAsync(input);
    }

    public async ValueTask WriteJsonAsync(JsonOutput output, TBase value)
    {
        var variant = For(value);
        output.Writer.WriteStartObject();
        output.Writer.WriteString(JsonTypeProperty, variant.XsiType);
        await variant.WriteJsonMembersAsync(output, value).ConfigureAwait(false);
        output.Writer.WriteEndObject();
    }

    public TBase ReadJson(JsonElement element, string path)
    {
        var variant = variants[0];
        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(JsonTypeProperty, out var named)
            && named.ValueKind == JsonValueKind.String)
        {
            // A QName as in XML ("ns0:LinuxProfile") is taken as well as the bare name.
            var type = named.GetString()!;
            type = type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
            variant = Array.Find(variants, v => v.XsiType == type) ?? throw JsonInput.Fail(path, Unsupported(type, path));
        }

        return variant.ReadJson(element, path);
    }

    private Variant<TBase> For(TBase value) =>
        Array.Find(variants, v => v.Type == value.GetType())
        ?? throw new ArgumentException($"{value.GetType().Name} is not a {typeof(TBase).Name} Kiln can write.", nameof(value));

    private string Unsupported(string type, string where) =>
        $"xsi:type \"{type}\" is not supported for {where}; expected {string.Join(" or ", variants.Select(v => v.XsiType))}";
}

/// <summary>One concrete type of an abstract xsd type.</summary>
internal abstract class Variant<TBase>(string xsiType, Type type)
    where TBase : class
{
    public string XsiType => xsiType;

    public Type Type => type;

    public abstract void WriteXml(XmlOutput output, TBase value);

    public abstract Task<TBase> ReadXmlAsync(XmlInput input);

    public abstract ValueTask WriteJsonMembersAsync(JsonOutput output, TBase value);

    public abstract TBase ReadJson(JsonElement element, string path);
}

internal sealed class Variant<TBase, TDerived>(string xsiType, Func<Shape<TDerived>> shape) : Variant<TBase>(xsiType, typeof(TDerived))
    where TBase : class
    where TDerived : class, TBase
{
    public override void WriteXml(XmlOutput output, TBase value) => shape().WriteXml(output, (TDerived)value);

    public override async Task<TBase> ReadXmlAsync(XmlInput input) => await shape().ReadXmlAsync(input).ConfigureAwait(false);

    public override ValueTask WriteJsonMembersAsync(JsonOutput output, TBase value) => shape().WriteJsonMembersAsync(output, (TDerived)value);

    public override TBase ReadJson(JsonElement element, string path) => shape().ReadJson(element, path);
}
