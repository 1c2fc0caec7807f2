using System.Xml;
using System.Xml.Schema;

namespace Kiln.Testing;

/// <summary>The official uforge.xsd (reference/schemas, 700 KB), loaded and compiled once per test run, and validation against it.</summary>
public static class UForgeSchema
{
    public const string Namespace = "http://www.usharesoft.com/uforge";
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every error and warning the validator reports for <paramref name="xml"/>, with its line.</summary>
    public static IReadOnlyList<string> Validate(byte[] xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) =>
            problems.Add($"{e.Severity} at line {e.Exception.LineNumber}, position {e.Exception.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private static XmlSchemaSet Load()
    {
        var problems = new List<string>();
        var set = new XmlSchemaSet { XmlResolver = null };
        set.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(RepositoryFiles.Path("reference", "schemas", "uforge.xsd"),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            set.Add(Namespace, reader);
        }

        set.Compile();
        return problems.Count == 0 ? set : throw new InvalidOperationException("uforge.xsd: " + string.Join("; ", problems));
    }
}
