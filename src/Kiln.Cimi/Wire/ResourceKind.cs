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

    public static ResourceKind<Job> Job { get; } = new("Job", CimiUris.Job, "jobs", JobAttributes.Write);
}
