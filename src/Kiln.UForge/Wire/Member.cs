using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>A property read and written through a codec; null means absent, in both directions.</summary>
internal abstract class Member<TOwner, TValue>(string name, string jsonName, Func<ICodec<TValue>> codecSource) : IMember<TOwner>
{
    // Resolved on first use: shapes refer to one another (a category to its subcategories) before all are built.
    private ICodec<TValue>? codec;

    public string Name => name;

    public string JsonName => jsonName;

    private ICodec<TValue> Codec => codec ??= codecSource();

    protected abstract bool TryGet(TOwner owner, [MaybeNullWhen(false)] out TValue value);

    protected abstract void Set(TOwner owner, TValue value);

    public void WriteXml(XmlOutput output, TOwner owner)
    {
        if (!TryGet(owner, out var value))
        {
            return;
        }

        output.Writer.WriteStartElement(null, name, string.Empty);
        Codec.WriteXml(output, value);
        output.Writer.WriteEndElement();
    }

    public async Task ReadXmlAsync(XmlInput input, TOwner owner)
    {
        if (input.IsNil)
        {
            await input.Reader.SkipAsync().ConfigureAwait(false);
            return;
        }

        Set(owner, await Codec.ReadXmlAsync(input).ConfigureAwait(false));
    }

    public ValueTask WriteJsonAsync(JsonOutput output, TOwner owner)
    {
        if (!TryGet(owner, out var value))
        {
            return ValueTask.CompletedTask;
        }

        output.Writer.WritePropertyName(jsonName);
        return Codec.WriteJsonAsync(output, value);
    }

    public void ReadJson(JsonElement element, string path, TOwner owner)
    {
        if (element.ValueKind != JsonValueKind.Null)
        {
            Set(owner, Codec.ReadJson(element, path));
        }
    }
}

/// <summary>A member whose property holds a class (a string, a nested document, a list).</summary>
internal sealed class ReferenceMember<TOwner, TValue>(
    string name, string jsonName, Func<TOwner, TValue?> get, Action<TOwner, TValue> set, Func<ICodec<TValue>> codec)
    : Member<TOwner, TValue>(name, jsonName, codec)
    where TValue : class
{
    protected override bool TryGet(TOwner owner, [MaybeNullWhen(false)] out TValue value)
    {
        value = get(owner);
        return value is not null;
    }

    protected override void Set(TOwner owner, TValue value) => set(owner, value);
}

/// <summary>A member whose property holds a nullable struct (a boolean, a number, a date).</summary>
internal sealed class ValueMember<TOwner, TValue>(
    string name, Func<TOwner, TValue?> get, Action<TOwner, TValue> set, Func<ICodec<TValue>> codec)
    : Member<TOwner, TValue>(name, name, codec)
    where TValue : struct
{
    protected override bool TryGet(TOwner owner, out TValue value)
    {
        var held = get(owner);
        value = held.GetValueOrDefault();
        return held.HasValue;
    }

    protected override void Set(TOwner owner, TValue value) => set(owner, value);
}
