namespace Kiln.Cimi.Wire;

/// <summary>A MachineImage's attributes in the xsd's order (MachineImageElements).</summary>
internal static class MachineImageAttributes
{
    public static void Write(MachineImage image, AttributeSink sink)
    {
        sink.Text("id", image.Id);
        sink.Text("name", image.Name);
        sink.Text("description", image.Description);
        sink.Date("created", image.Created);
        sink.Date("updated", image.Updated);
        sink.Properties(image.Properties);
        sink.Text("state", image.State is { } state ? CimiWireNames.Of(state) : null);
        sink.Text("type", image.Type is { } type ? CimiWireNames.Of(type) : null);
        sink.Text("imageLocation", image.ImageLocation);
        sink.Ref("relatedImage", image.RelatedImage);
        sink.Operations(image.Operations);
    }
}
