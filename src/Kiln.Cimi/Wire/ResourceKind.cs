namespace Kiln.Cimi.Wire;

/// <summary>
/// How a resource type goes on the wire: its XML element, its resourceURI, its attributes, and the JSON member its
/// collection's entries sit under.
/// </summary>
internal sealed record ResourceKind<T>(string Element, string ResourceUri, string CollectionMember, Action<T, AttributeSink> Attributes);

internal static class ResourceKinds
{
    public static ResourceKind<CloudEntryPoint> CloudEntryPoint { get; } =
        new("CloudEntryPoint", CimiUris.CloudEntryPoint, "cloudEntryPoints", CloudEntryPointAttributes.Write);

    public static ResourceKind<MachineImage> MachineImage { get; } =
        new("MachineImage", CimiUris.MachineImage, "machineImages", MachineImageAttributes.Write);

    public static ResourceKind<Machine> Machine { get; } =
        new("Machine", CimiUris.Machine, "machines", MachineAttributes.Write);

    public static ResourceKind<Disk> Disk { get; } = new("Disk", CimiUris.Disk, "disks", DiskAttributes.Write);

    public static ResourceKind<MachineConfiguration> MachineConfiguration { get; } =
        new("MachineConfiguration", CimiUris.MachineConfiguration, "machineConfigurations", MachineConfigurationAttributes.Write);

    public static ResourceKind<MachineTemplate> MachineTemplate { get; } =
        new("MachineTemplate", CimiUris.MachineTemplate, "machineTemplates", MachineTemplateAttributes.Write);

    public static ResourceKind<Job> Job { get; } = new("Job", CimiUris.Job, "jobs", JobAttributes.Write);
}
