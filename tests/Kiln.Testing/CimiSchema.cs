using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Kiln.Testing;

/// <summary>
/// The official CIMI schema (reference/schemas/cimi-dsp8009-1.0.0.xsd), loaded and compiled once per test run, and
/// validation against it. Two adjustments when loading, neither changing what the schema accepts:
/// <list type="bullet">
/// <item>Offline: the xsd imports xml.xsd from w3.org for the <c>xml:</c> attributes, which it never uses; that
/// import is dropped.</item>
/// <item>Every collection reference (<c>machineImages</c> in the CEP) is a choice between an empty sequence (a bare
/// <c>href</c>) and an expanded collection. .NET's validator drops the empty branch of a choice and then demands the
/// expanded one, against XSD 1.0 (a choice with an emptiable particle is emptiable). Such a choice is rewritten as the
/// equivalent optional choice without the empty branch.</item>
/// </list>
/// </summary>
public static class CimiSchema
{
    public const string Namespace = "http://schemas.dmtf.org/cimi/1";

    /// <summary>The single resources the seed gives a <c>resourceURI</c> attribute the xsd declares on Collection only.</summary>
    private static readonly HashSet<string> SingleResources = ["CloudEntryPoint", "MachineImage", "Job", "Machine", "MachineConfiguration", "MachineTemplate"];

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>
    /// Every error and warning the validator reports for <paramref name="xml"/>, with its line, except the warnings for
    /// elements the xsd's lax wildcards accept undeclared (an operation among a Collection's entries, foreign elements
    /// such as Kiln's CEP <c>driver</c>). With <paramref name="allowResourceUriOnSingleResource"/>, the one known
    /// deviation is not reported either: a <c>resourceURI</c> attribute on a root CloudEntryPoint, MachineImage or
    /// Job, as the seed writes them.
    /// </summary>
    public static IReadOnlyList<string> Validate(byte[] xml, bool allowResourceUriOnSingleResource = false)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        var root = RootOf(xml);
        XmlReader? reader = null;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (!IsLaxWildcard(reader!, e) && !(allowResourceUriOnSingleResource && IsResourceUriOnSingleResource(root, reader!, e)))
            {
                problems.Add($"{e.Severity} at line {e.Exception.LineNumber}, position {e.Exception.LinePosition}: {e.Message}");
            }
        };
        using (reader = XmlReader.Create(new MemoryStream(xml), settings))
        {
            while (reader.Read())
            {
            }
        }

        return problems;
    }

    // Below the root, the validator finds no declaration without an error only where a lax wildcard allows it
    // (elsewhere an unexpected element is an error); at the root it means an element the schema does not define.
    private static bool IsLaxWildcard(XmlReader reader, ValidationEventArgs e) =>
        e.Severity == XmlSeverityType.Warning
        && reader.Depth > 0
        && e.Message.StartsWith("Could not find schema information for the ", StringComparison.Ordinal);

    // The validator reports an attribute with the reader on it; at depth 1, it is the root's.
    private static bool IsResourceUriOnSingleResource(XName root, XmlReader reader, ValidationEventArgs e) =>
        root.NamespaceName == Namespace
        && SingleResources.Contains(root.LocalName)
        && reader is { NodeType: XmlNodeType.Attribute, Depth: 1, LocalName: "resourceURI", NamespaceURI: "" }
        && e.Severity == XmlSeverityType.Error
        && e.Message is "The 'resourceURI' attribute is not allowed." or "The 'resourceURI' attribute is not declared.";

    private static XName RootOf(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        reader.MoveToContent();
        return XName.Get(reader.LocalName, reader.NamespaceURI);
    }

    private static XmlSchemaSet Load()
    {
        XDocument xsd;
        using (var file = XmlReader.Create(RepositoryFiles.Path("reference", "schemas", "cimi-dsp8009-1.0.0.xsd"),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            xsd = XDocument.Load(file);
        }

        XNamespace xs = XmlSchema.Namespace;
        xsd.Root!.Elements(xs + "import").Where(i => (string?)i.Attribute("namespace") == XNamespace.Xml.NamespaceName).Remove();
        foreach (var choice in xsd.Descendants(xs + "choice").ToList())
        {
            var empty = choice.Elements(xs + "sequence").Where(s => !s.HasElements).ToList();
            if (empty.Count > 0)
            {
                empty.Remove();
                choice.SetAttributeValue("minOccurs", "0");
            }
        }

        var problems = new List<string>();
        var set = new XmlSchemaSet { XmlResolver = null };
        set.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using (var reader = xsd.CreateReader())
        {
            set.Add(Namespace, reader);
        }

        set.Compile();
        return problems.Count == 0 ? set : throw new InvalidOperationException("cimi-dsp8009-1.0.0.xsd: " + string.Join("; ", problems));
    }
}
