using System.Xml;
using System.Xml.Schema;

namespace Kiln.UForge.Tests.Support;

/// <summary>uforge.xsd, loaded and compiled once per test run (700 KB), and validation against it.</summary>
internal static class UForgeSchema
{
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
        using (var reader = XmlReader.Create(SharedReference.Path("schemas", "uforge.xsd")))
        {
            set.Add(UForgeXml.Namespace, reader);
        }

        set.Compile();
        return problems.Count == 0 ? set : throw new InvalidOperationException("uforge.xsd: " + string.Join("; ", problems));
    }
}
