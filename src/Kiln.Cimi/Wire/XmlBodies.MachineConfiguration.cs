using System.Xml.Linq;

namespace Kiln.Cimi.Wire;

internal static partial class XmlBodies
{
    private static readonly IReadOnlyCollection<string> ConfigurationOnce = [.. Common.Once, "cpu", "memory", "cpuArch"];
    private static readonly IReadOnlyCollection<string> ConfigurationDiskOnce = ["capacity", "format", "initialLocation"];

    /// <summary>The elements that make a template's <c>machineConfig</c> a configuration given inline, not only a reference.</summary>
    private static readonly IReadOnlyCollection<string> ConfigurationHardware = ["cpu", "memory", "disk", "cpuArch"];

    public static MachineConfigurationCreate ReadMachineConfigurationCreate(byte[] body) =>
        Configuration(Root(body, BodyKinds.MachineConfigurationCreate));

    private static bool HasConfiguration(XElement element) =>
        element.Elements().Any(child => IsOurs(child) && ConfigurationHardware.Contains(child.Name.LocalName));

    /// <summary>A configuration's elements under <paramref name="parent"/>: a body's root, or a template's <c>machineConfig</c>.</summary>
    private static MachineConfigurationCreate Configuration(XElement parent)
    {
        var common = new Common();
        int? cpu = null;
        long? memory = null;
        string? cpuArch = null;
        var disks = new List<MachineConfigurationDisk>();
        foreach (var element in Children(parent, ConfigurationOnce))
        {
            if (common.Read(element))
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "cpu":
                    cpu = (int)Integer(element, int.MaxValue);
                    break;
                case "memory":
                    memory = Integer(element, long.MaxValue);
                    break;
                case "disk":
                    disks.Add(ConfigurationDisk(element));
                    break;
                case "cpuArch":
                    cpuArch = Text(element);
                    break;
                default:
                    break;
            }
        }

        return new MachineConfigurationCreate
        {
            Name = common.Name,
            Description = common.Description,
            Properties = common.Properties ?? [],
            Cpu = cpu,
            Memory = memory,
            Disks = disks,
            CpuArch = cpuArch,
        };
    }

    private static MachineConfigurationDisk ConfigurationDisk(XElement disk)
    {
        long? capacity = null;
        string? format = null, initialLocation = null;
        foreach (var element in Children(disk, ConfigurationDiskOnce))
        {
            switch (element.Name.LocalName)
            {
                case "capacity":
                    capacity = Integer(element, long.MaxValue);
                    break;
                case "format":
                    format = Text(element);
                    break;
                case "initialLocation":
                    initialLocation = Text(element);
                    break;
                default:
                    break;
            }
        }

        // The xsd requires both: a disk of no size or of no known format cannot be made.
        return new MachineConfigurationDisk(
            capacity ?? throw Fail(disk, "<disk> needs a <capacity> (in KiB)"),
            format is { Length: > 0 } ? format : throw Fail(disk, "<disk> needs a <format> (such as ext4)"),
            initialLocation);
    }
}
