namespace Kiln.Cimi;

/// <summary>The names of the collection references a Cloud Entry Point may carry, and their order in the schema.</summary>
public static class CimiCollections
{
    public const string Machines = "machines";
    public const string MachineTemplates = "machineTemplates";
    public const string MachineConfigs = "machineConfigs";
    public const string MachineImages = "machineImages";
    public const string Jobs = "jobs";

    /// <summary>Every collection reference of the xsd's CloudEntryPoint, in its sequence; writers follow this order.</summary>
    public static IReadOnlyList<string> InSchemaOrder { get; } =
    [
        "resourceMetadata", "systems", "systemTemplates", Machines, MachineTemplates, MachineConfigs, MachineImages,
        "credentials", "credentialTemplates", "volumes", "volumeTemplates", "volumeConfigs", "volumeImages",
        "networks", "networkTemplates", "networkConfigs", "networkPorts", "networkPortTemplates", "networkPortConfigs",
        "addresses", "addressTemplates", "forwardingGroups", "forwardingGroupTemplates", Jobs, "meters",
        "meterTemplates", "meterConfigs", "eventLogs", "eventLogTemplates",
    ];
}
