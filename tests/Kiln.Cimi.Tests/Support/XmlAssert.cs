using System.Xml.Linq;

namespace Kiln.Cimi.Tests.Support;

/// <summary>Compares XML element by element: names with namespaces, attributes (not namespace declarations), child order, text.</summary>
internal static class XmlAssert
{
    public static void SameShape(XElement expected, XElement actual) => Compare(expected, actual, "/" + expected.Name.LocalName);

    private static void Compare(XElement expected, XElement actual, string path)
    {
        Assert.True(expected.Name == actual.Name, $"{path}: expected element {expected.Name}, got {actual.Name}");
        Assert.Equal(Attributes(expected), Attributes(actual));

        var expectedChildren = expected.Elements().ToList();
        var actualChildren = actual.Elements().ToList();
        Assert.True(
            expectedChildren.Select(e => e.Name.LocalName).SequenceEqual(actualChildren.Select(e => e.Name.LocalName)),
            $"{path}: expected children [{string.Join(", ", expectedChildren.Select(e => e.Name.LocalName))}], got [{string.Join(", ", actualChildren.Select(e => e.Name.LocalName))}]");
        if (expectedChildren.Count == 0)
        {
            Assert.True(expected.Value.Trim() == actual.Value.Trim(), $"{path}: expected text \"{expected.Value.Trim()}\", got \"{actual.Value.Trim()}\"");
        }

        for (var i = 0; i < expectedChildren.Count; i++)
        {
            Compare(expectedChildren[i], actualChildren[i], $"{path}/{expectedChildren[i].Name.LocalName}[{i}]");
        }
    }

    private static List<string> Attributes(XElement element) =>
        [.. element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={a.Value}").Order(StringComparer.Ordinal)];
}
