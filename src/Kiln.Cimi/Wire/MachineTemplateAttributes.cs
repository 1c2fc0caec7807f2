namespace Kiln.Cimi.Wire;

/// <summary>A MachineTemplate's attributes in the xsd's order (MachineTemplateElements; Kiln's templates have no credential, volumes, network interfaces, meters, event log or user data).</summary>
internal static class MachineTemplateAttributes
{
    public static void Write(MachineTemplate template, AttributeSink sink)
    {
        sink.Text("id", template.Id);
        sink.Text("name", template.Name);
        sink.Text("description", template.Description);
        sink.Date("created", template.Created);
        sink.Date("updated", template.Updated);
        sink.Properties(template.Properties);
        sink.Text("initialState", template.InitialState);
        sink.Ref("machineConfig", template.MachineConfig);
        sink.Ref("machineImage", template.MachineImage);
        sink.Operations(template.Operations);
    }
}
