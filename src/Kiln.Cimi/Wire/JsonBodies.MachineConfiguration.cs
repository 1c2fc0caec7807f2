using System.Globalization;
using System.Text.Json;

namespace Kiln.Cimi.Wire;

internal static partial class JsonBodies
{
    private static readonly IReadOnlyCollection<string> ConfigurationOnce = [.. Common.Once, "cpu", "memory", "disks", "cpuArch"];
    private static readonly IReadOnlyCollection<string> ConfigurationDiskOnce = ["capacity", "format", "initialLocation"];

    /// <summary>The members that make a template's <c>machineConfig</c> a configuration given inline, not only a reference.</summary>
    private static readonly IReadOnlyCollection<string> ConfigurationHardware = ["cpu", "memory", "disks", "cpuArch"];

    public static MachineConfigurationCreate ReadMachineConfigurationCreate(byte[] body)
    {
        using var json = Parse(body, BodyKinds.MachineConfigurationCreate);
        var (configuration, path) = Root(json, BodyKinds.MachineConfigurationCreate);
        return Configuration(configuration, path);
    }

    private static bool HasConfiguration(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any(member => ConfigurationHardware.Contains(member.Name));

    /// <summary>A configuration's members in <paramref name="value"/>: a body's object, or a template's <c>machineConfig</c>.</summary>
    private static MachineConfigurationCreate Configuration(JsonElement value, string path)
    {
        var common = new Common();
        int? cpu = null;
        long? memory = null;
        string? cpuArch = null;
        IReadOnlyList<MachineConfigurationDisk> disks = [];
        foreach (var (member, at) in Members(value, path, ConfigurationOnce))
        {
            if (common.Read(member, at))
            {
                continue;
            }

            switch (member.Name)
            {
                case "cpu":
                    cpu = (int?)Integer(member.Value, at, int.MaxValue);
                    break;
                case "memory":
                    memory = Integer(member.Value, at, long.MaxValue);
                    break;
                case "disks":
                    disks = ConfigurationDisks(member.Value, at);
                    break;
                case "cpuArch":
                    cpuArch = String(member.Value, at);
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

    private static List<MachineConfigurationDisk> ConfigurationDisks(JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(at, $"must be an array of disks, not {Describe(value)}");
        }

        var disks = new List<MachineConfigurationDisk>();
        foreach (var disk in value.EnumerateArray())
        {
            disks.Add(ConfigurationDisk(disk, string.Create(CultureInfo.InvariantCulture, $"{at}[{disks.Count}]")));
        }

        return disks;
    }

    private static MachineConfigurationDisk ConfigurationDisk(JsonElement disk, string path)
    {
        if (disk.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"must be an object with capacity and format, not {Describe(disk)}");
        }

        long? capacity = null;
        string? format = null, initialLocation = null;
        foreach (var (member, at) in Members(disk, path, ConfigurationDiskOnce))
        {
            switch (member.Name)
            {
                case "capacity":
                    capacity = Integer(member.Value, at, long.MaxValue);
                    break;
                case "format":
                    format = String(member.Value, at);
                    break;
                case "initialLocation":
                    initialLocation = String(member.Value, at);
                    break;
                default:
                    break;
            }
        }

        // The xsd requires both: a disk of no size or of no known format cannot be made.
        return new MachineConfigurationDisk(
            capacity ?? throw Fail(JsonPath.Member(path, "capacity"), "is missing: a disk needs its size in KiB"),
            format is { Length: > 0 } ? format : throw Fail(JsonPath.Member(path, "format"), "is missing: a disk needs its format (such as ext4)"),
            initialLocation);
    }
}
