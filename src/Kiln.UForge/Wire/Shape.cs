using System.Text.Json;

namespace Kiln.UForge.Wire;

/// <summary>
/// The xsd sequence of a complex type: its elements in schema order (order matters to a validating client), each
/// bound to a property. A shape is the codec of its type: one table drives XML and JSON, reading and writing.
/// </summary>
internal sealed class Shape<T>(Func<T>? create = null) : ICodec<T>
    where T : class
{
    private readonly List<IMember<T>> members = [];
    private readonly Dictionary<string, IMember<T>> byElement = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IMember<T>> byJsonProperty = new(StringComparer.Ordinal);

    public IReadOnlyList<IMember<T>> Members => members;

    /// <summary>Starts with the members of the base type, as xsd extension puts them first.</summary>
    public Shape<T> Inherit(IEnumerable<IMember<T>> inherited)
    {
        foreach (var member in inherited)
        {
            Add(member);
        }

        return this;
    }

    public Shape<T> Text(string name, Func<T, string?> get, Action<T, string> set) =>
        Add(new ReferenceMember<T, string>(name, name, get, set, () => Scalars.Text));

    public Shape<T> Boolean(string name, Func<T, bool?> get, Action<T, bool> set) =>
        Add(new ValueMember<T, bool>(name, get, set, () => Scalars.Boolean));

    public Shape<T> Int32(string name, Func<T, int?> get, Action<T, int> set) =>
        Add(new ValueMember<T, int>(name, get, set, () => Scalars.Int32));

    public Shape<T> Int64(string name, Func<T, long?> get, Action<T, long> set) =>
        Add(new ValueMember<T, long>(name, get, set, () => Scalars.Int64));

    public Shape<T> DateTime(string name, Func<T, DateTimeOffset?> get, Action<T, DateTimeOffset> set) =>
        Add(new ValueMember<T, DateTimeOffset>(name, get, set, () => Scalars.DateTime));

    /// <summary>A nested complex type; <paramref name="codec"/> is asked for on first use.</summary>
    public Shape<T> Element<TValue>(string name, Func<T, TValue?> get, Action<T, TValue> set, Func<ICodec<TValue>> codec)
        where TValue : class =>
        Add(new ReferenceMember<T, TValue>(name, name, get, set, codec));

    /// <summary>A wrapper element holding repeated <paramref name="item"/> elements (<c>users/user</c>).</summary>
    public Shape<T> List<TItem>(string name, string item, Func<T, List<TItem>?> get, Action<T, List<TItem>> set, Func<ICodec<TItem>> codec)
        where TItem : class =>
        Add(new ReferenceMember<T, List<TItem>>(name, name, get, set, () => new ListCodec<TItem>(item, codec(), bareArrayInJson: false)));

    public Shape<T> Strings(string name, string item, Func<T, List<string>?> get, Action<T, List<string>> set) =>
        List(name, item, get, set, () => Scalars.Text);

    /// <summary>An element of the xsd type <c>UriList</c>: <c>&lt;imageUris&gt;&lt;uri&gt;...&lt;/uri&gt;&lt;/imageUris&gt;</c>.</summary>
    public Shape<T> Uris(string name, Func<T, List<string>?> get, Action<T, List<string>> set) =>
        Strings(name, "uri", get, set);

    /// <summary>
    /// The items of a list document. XML keeps the xsd's wrapper (<c>images/images/image</c>); JSON puts the array
    /// right under the root (<c>{"images": {"total": 2, "image": [...]}}</c>), the form the API reference gives, and
    /// reads the wrapped form too.
    /// </summary>
    public Shape<T> RootList<TItem>(string name, string item, Func<T, List<TItem>?> get, Action<T, List<TItem>> set, Func<ICodec<TItem>> codec)
        where TItem : class =>
        Add(new ReferenceMember<T, List<TItem>>(name, item, get, set, () => new ListCodec<TItem>(item, codec(), bareArrayInJson: true)));

    public void WriteXml(XmlOutput output, T value)
    {
        foreach (var member in members)
        {
            member.WriteXml(output, value);
        }
    }

    public async Task<T> ReadXmlAsync(XmlInput input)
    {
        var owner = New();
        if (!await input.EnterAsync().ConfigureAwait(false))
        {
            return owner;
        }

        while (await input.NextChildAsync().ConfigureAwait(false))
        {
            if (byElement.TryGetValue(input.Reader.LocalName, out var member))
            {
                await member.ReadXmlAsync(input, owner).ConfigureAwait(false);
            }
            else
            {
                // Unknown elements are skipped: clients send what their (newer or older) schema knows.
                await input.Reader.SkipAsync().ConfigureAwait(false);
            }
        }

        return owner;
    }

    public async ValueTask WriteJsonAsync(JsonOutput output, T value)
    {
        output.Writer.WriteStartObject();
        await WriteJsonMembersAsync(output, value).ConfigureAwait(false);
        output.Writer.WriteEndObject();
    }

    /// <summary>Writes the members into an object the caller has opened (which may add <c>xsi:type</c> first).</summary>
    public async ValueTask WriteJsonMembersAsync(JsonOutput output, T value)
    {
        foreach (var member in members)
        {
            await member.WriteJsonAsync(output, value).ConfigureAwait(false);
        }
    }

    public T ReadJson(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw JsonInput.Fail(path, $"must be an object, not {JsonInput.Describe(element)}");
        }

        var owner = New();
        foreach (var property in element.EnumerateObject())
        {
            if (byJsonProperty.TryGetValue(property.Name, out var member))
            {
                member.ReadJson(property.Value, $"{path}.{property.Name}", owner);
            }
        }

        return owner;
    }

    private Shape<T> Add(IMember<T> member)
    {
        members.Add(member);
        byElement.Add(member.Name, member);
        byJsonProperty.TryAdd(member.Name, member);
        byJsonProperty.TryAdd(member.JsonName, member);
        return this;
    }

    private T New() =>
        create?.Invoke() ?? throw new InvalidOperationException($"{typeof(T).Name} is abstract in the xsd: read it through a concrete type.");
}
