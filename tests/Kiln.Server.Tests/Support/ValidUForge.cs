using System.Text;
using System.Xml.Linq;

namespace Kiln.Server.Tests.Support;

/// <summary>Parses an answer of the service after checking it against uforge.xsd: every XML document Kiln sends must validate.</summary>
public static class ValidUForge
{
    public static readonly XNamespace Namespace = UForgeSchema.Namespace;

    public static XDocument Parse(string xml)
    {
        var problems = UForgeSchema.Validate(Encoding.UTF8.GetBytes(xml));
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + xml);
        return XDocument.Parse(xml);
    }
}
