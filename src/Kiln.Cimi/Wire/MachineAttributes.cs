namespace Kiln.Cimi.Wire;

/// <summary>A Machine's attributes in the xsd's order (MachineElements; volumes, network interfaces, snapshots, meters and event log Kiln has none of).</summary>
internal static class MachineAttributes
{
    public static void Write(Machine machine, AttributeSink sink)
    {
        sink.Text("id", machine.Id);
        sink.Text("name", machine.Name);
        sink.Text("description", machine.Description);
        sink.Date("created", machine.Created);
        sink.Date("updated", machine.Updated);
        sink.Properties(machine.Properties);
        sink.Text("state", machine.State is { } state ? CimiWireNames.Of(state) : null);
        sink.Integer("cpu", machine.Cpu);
        sink.Integer("memory", machine.Memory);
        sink.Ref("disks", machine.Disks);
        sink.Text("cpuArch", machine.CpuArch);
        sink.Operations(machine.Operations);
    }
}
