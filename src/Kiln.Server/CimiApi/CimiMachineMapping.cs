using Kiln.Cimi;
using Kiln.Cimi.Query;
using Kiln.Server.Machines;
using CatalogMachine = Kiln.Catalog.Machine;
using CatalogState = Kiln.Catalog.MachineState;

namespace Kiln.Server.CimiApi;

/// <summary>
/// Kiln's machines as CIMI Machines: memory in KiB as CIMI counts it, one disk, the operations valid in the machine's
/// state (capture's href is the machine images' <c>add</c>, as CIMI defines), and Kiln's facts as properties: the
/// image it runs, why it stopped or failed, where its console is written.
/// </summary>
internal static class CimiMachineMapping
{
    /// <summary>Properties Kiln sets; a user's properties of these names are not kept.</summary>
    public static readonly IReadOnlySet<string> KilnProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "machineImage", "stateMessage", "diskCapacity", "owner", "pid", "console", "ssh",
    };

    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "description", "created", "updated", "properties", "state", "cpu", "memory", "disks", "cpuArch", "operations",
    };

    public static Cimi.Machine ToDocument(CatalogMachine machine, CimiLinks links)
    {
        var id = links.Machine(machine.Id);
        var properties = new List<KeyValuePair<string, string>>(machine.Label.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            new("machineImage", links.MachineImage(machine.ImageId)),
            new("diskCapacity", CimiValues.Text(machine.Hardware.DiskBytes)),
            new("owner", machine.Owner),
            new("console", id + "/console"),
        };
        if (machine.StateMessage is { } message)
            properties.Add(new("stateMessage", message));
        if (machine.Process is { } process && machine.State == CatalogState.Started)
        {
            properties.Add(new("pid", CimiValues.Text(process.ProcessId)));
            if (process.SshPort is { } port)
                properties.Add(new("ssh", "127.0.0.1:" + CimiValues.Text(port)));
        }
        var operations = new List<CimiOperation>();
        if (machine.State != CatalogState.Deleting)
            operations.Add(new CimiOperation("edit", id));
        if (machine.State is not (CatalogState.Deleting or CatalogState.Capturing))
            operations.Add(new CimiOperation("delete", id));
        foreach (var action in MachineActions.Valid(machine.State))
            operations.Add(new CimiOperation(action, action == MachineActions.Capture ? links.MachineImages : id));
        return new Cimi.Machine
        {
            Id = id,
            Name = machine.DisplayName,
            Description = machine.Label.Description,
            Created = machine.Stamp.Created,
            Updated = machine.Stamp.LastModified,
            Properties = properties,
            State = StateOf(machine.State),
            Cpu = machine.Hardware.Cpu,
            Memory = machine.Hardware.MemoryMiB * 1024L,
            Disks = links.MachineDisks(machine.Id),
            CpuArch = "x86_64",
            Operations = operations,
        };
    }

    public static Cimi.MachineState StateOf(CatalogState state) => state switch
    {
        CatalogState.Creating => Cimi.MachineState.Creating,
        CatalogState.Starting => Cimi.MachineState.Starting,
        CatalogState.Started => Cimi.MachineState.Started,
        CatalogState.Stopping => Cimi.MachineState.Stopping,
        CatalogState.Stopped => Cimi.MachineState.Stopped,
        CatalogState.Capturing => Cimi.MachineState.Capturing,
        CatalogState.Deleting => Cimi.MachineState.Deleting,
        _ => Cimi.MachineState.Error,
    };

    public static ICimiQueryable Queryable(Cimi.Machine machine) => new CimiQueryable(
        name => name switch
        {
            "id" => CimiValues.Of(machine.Id),
            "name" => CimiValues.Of(machine.Name),
            "description" => CimiValues.Of(machine.Description),
            "created" => CimiValues.Of(machine.Created),
            "updated" => CimiValues.Of(machine.Updated),
            "state" => CimiValues.Of(machine.State is { } state ? CimiWireNames.Of(state) : null),
            "cpu" => CimiValues.Of((long?)machine.Cpu),
            "memory" => CimiValues.Of(machine.Memory),
            "cpuArch" => CimiValues.Of(machine.CpuArch),
            _ => null,
        },
        key => machine.Properties.FirstOrDefault(p => p.Key == key).Value);
}
