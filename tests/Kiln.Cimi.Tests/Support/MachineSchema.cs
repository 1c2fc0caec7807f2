using System.Xml.Linq;

namespace Kiln.Cimi.Tests.Support;

/// <summary>
/// Validation of the machine documents against the xsd with the seed's one deviation allowed. CimiSchema's own
/// allowance names CloudEntryPoint, MachineImage and Job only, so here the root's resourceURI is checked to be there
/// and then taken off before validating; everything else is validated as written.
/// </summary>
internal static class MachineSchema
{
    public static IReadOnlyList<string> Problems(byte[] xml)
    {
        var document = XDocument.Load(new MemoryStream(xml));
        var root = document.Root!;
        if (root.Name.LocalName != "Collection")
        {
            var resourceUri = root.Attribute("resourceURI");
            Assert.NotNull(resourceUri);
            resourceUri.Remove();
        }

        using var stripped = new MemoryStream();
        document.Save(stripped);
        return CimiSchema.Validate(stripped.ToArray());
    }
}
