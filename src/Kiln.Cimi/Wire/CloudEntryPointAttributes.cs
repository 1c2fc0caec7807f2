namespace Kiln.Cimi.Wire;

/// <summary>The Cloud Entry Point's attributes in the xsd's order, then Kiln's <c>driver</c> and <c>provider</c>.</summary>
internal static class CloudEntryPointAttributes
{
    public static void Write(CloudEntryPoint entryPoint, AttributeSink sink)
    {
        foreach (var name in entryPoint.Collections.Keys)
        {
            if (!CimiCollections.InSchemaOrder.Contains(name))
            {
                throw new ArgumentException($"\"{name}\" is not a collection of the CIMI Cloud Entry Point.", nameof(entryPoint));
            }
        }

        sink.Text("id", entryPoint.Id);
        sink.Text("name", entryPoint.Name);
        sink.Text("description", entryPoint.Description);
        sink.Date("created", entryPoint.Created);
        sink.Date("updated", entryPoint.Updated);
        sink.Text("baseURI", entryPoint.BaseUri);
        foreach (var name in CimiCollections.InSchemaOrder)
        {
            sink.Ref(name, entryPoint.Collections.GetValueOrDefault(name));
        }

        // Deltacloud's client refuses a CEP without these two; the xsd has no element for them and allows only
        // elements of other namespaces at the end, so XML puts them in Kiln's namespace (and stays valid).
        sink.Foreign("driver", entryPoint.Driver);
        sink.Foreign("provider", entryPoint.Provider);
    }
}
