using System.Collections;
using System.Reflection;
using Kiln.UForge.Wire;

namespace Kiln.UForge.Tests.Support;

/// <summary>
/// Documents with every property set (nested documents and lists too, to a few levels), so a property the wire
/// format forgets shows up as a difference after a round trip, and the whole document meets the schema.
/// </summary>
internal static class Samples
{
    public static readonly DateTimeOffset When = new(2018, 4, 16, 11, 43, 59, 123, TimeSpan.Zero);

    // Elements the xsd restricts to an enumeration get one of its values.
    private static readonly Dictionary<(Type, string), string> Restricted = new()
    {
        [(typeof(TargetFormat), nameof(TargetFormat.Type))] = "virtual",
        [(typeof(TargetFormat), nameof(TargetFormat.CredAccountType))] = "openstack",
        [(typeof(ImageFormat), nameof(ImageFormat.Name))] = "qcow2",
        [(typeof(InstallProfile), nameof(InstallProfile.Keyboard))] = "fr",
        [(typeof(InstallProfile), nameof(InstallProfile.SeLinuxMode))] = "disabled",
        [(typeof(Distribution), nameof(Distribution.Arch))] = "x86_64",
        [(typeof(Distribution), nameof(Distribution.Family))] = "linux",
        [(typeof(Distribution), nameof(Distribution.Name))] = "Debian",
        [(typeof(Category), nameof(Category.Type))] = "IMAGEFORMAT",
    };

    // Deep enough to reach every type from every root; categories nest without end otherwise.
    private const int MaxDepth = 4;

    /// <summary>The root element of every document Kiln writes, for theories.</summary>
    public static TheoryData<string> Roots()
    {
        var roots = new TheoryData<string>();
        foreach (var document in DocumentCatalog.All.Where(d => !d.Type.IsAbstract))
        {
            roots.Add(document.Root);
        }

        return roots;
    }

    public static Type TypeOf(string root) => DocumentCatalog.All.Single(d => d.Root == root).Type;

    public static object Full(Type type) => Fill(type, 0);

    private static object Fill(Type type, int depth)
    {
        var concrete = type == typeof(DistribProfile) ? typeof(LinuxProfile) : type;
        var document = Activator.CreateInstance(concrete)!;
        foreach (var property in concrete.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            property.SetValue(document, ValueFor(property, depth));
        }

        return document;
    }

    private static object? ValueFor(PropertyInfo property, int depth)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (Restricted.TryGetValue((property.DeclaringType!, property.Name), out var restricted))
        {
            return restricted;
        }

        if (type == typeof(string))
        {
            return Text(property.Name);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return 42;
        }

        if (type == typeof(long))
        {
            return 5_000_000_000L;
        }

        if (type == typeof(DateTimeOffset))
        {
            return When;
        }

        if (depth >= MaxDepth)
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var item = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(type)!;
            for (var i = 1; i <= 2; i++)
            {
                list.Add(item == typeof(string) ? Text(property.Name) + i : Fill(item, depth + 1));
            }

            return list;
        }

        return Fill(type, depth + 1);
    }

    // xs:anyURI elements are named ...Uri, ...Uris or website; other text carries what XML and JSON must escape.
    private static string Text(string property) =>
        property.EndsWith("Uri", StringComparison.Ordinal) || property.EndsWith("Uris", StringComparison.Ordinal)
        || property.EndsWith("UriList", StringComparison.Ordinal) || property == "Website"
            ? $"users/guest/{property.ToLowerInvariant()}/1616"
            : $"{property} <&> \"é\" ✓";
}
