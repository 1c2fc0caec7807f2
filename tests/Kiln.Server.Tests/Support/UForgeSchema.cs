using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Kiln.Server.Tests.Support;

/// <summary>The official uforge.xsd, loaded once: every XML document the service sends must validate against it.</summary>
public static class UForgeSchema
{
    public static readonly XNamespace Namespace = "http://www.usharesoft.com/uforge";
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    public static XDocument ParseValid(string xml)
    {
        var errors = new List<string>();
        var document = XDocument.Parse(xml);
        document.Validate(Schemas.Value, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + xml);
        return document;
    }

    private static XmlSchemaSet Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kiln.slnx")))
            directory = directory.Parent;
        var path = Path.Combine(directory!.FullName, "reference", "schemas", "uforge.xsd");
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
