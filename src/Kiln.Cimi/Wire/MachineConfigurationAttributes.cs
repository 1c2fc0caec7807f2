namespace Kiln.Cimi.Wire;

/// <summary>A MachineConfiguration's attributes in the xsd's order (MachineConfigurationElements).</summary>
internal static class MachineConfigurationAttributes
{
    public static void Write(MachineConfiguration configuration, AttributeSink sink)
    {
        sink.Text("id", configuration.Id);
        sink.Text("name", configuration.Name);
        sink.Text("description", configuration.Description);
        sink.Date("created", configuration.Created);
        sink.Date("updated", configuration.Updated);
        sink.Properties(configuration.Properties);
        sink.Integer("cpu", configuration.Cpu);
        sink.Integer("memory", configuration.Memory);
        sink.Objects("disks", "disk", configuration.Disks, Disk);
        sink.Text("cpuArch", configuration.CpuArch);
        sink.Operations(configuration.Operations);
    }

    // The xsd requires capacity and format in every disk; the record cannot lack them.
    private static void Disk(MachineConfigurationDisk disk, AttributeSink sink)
    {
        sink.Integer("capacity", disk.Capacity);
        sink.Text("format", disk.Format);
        sink.Text("initialLocation", disk.InitialLocation);
    }
}
