namespace Kiln.Cimi.Wire;

/// <summary>What one representation (XML, JSON) does with each shape of document: a resource, a collection, an error.</summary>
internal interface IDocumentTarget
{
    void Resource<T>(T resource, ResourceKind<T> kind);

    void Collection<T>(string resourceUri, string? id, int count, IReadOnlyList<T> entries, ResourceKind<T> kind, IReadOnlyList<CimiOperation> operations);

    void Error(CimiError error);
}

/// <summary>Which shape each document Kiln writes has, and of which kind: said once for every representation.</summary>
internal static class CimiDocuments
{
    /// <exception cref="ArgumentException">The type is not a CIMI document Kiln writes.</exception>
    public static void Write(object document, IDocumentTarget target)
    {
        switch (document)
        {
            case CloudEntryPoint entryPoint:
                target.Resource(entryPoint, ResourceKinds.CloudEntryPoint);
                break;
            case MachineImage image:
                target.Resource(image, ResourceKinds.MachineImage);
                break;
            case Machine machine:
                target.Resource(machine, ResourceKinds.Machine);
                break;
            case Disk disk:
                target.Resource(disk, ResourceKinds.Disk);
                break;
            case MachineConfiguration configuration:
                target.Resource(configuration, ResourceKinds.MachineConfiguration);
                break;
            case MachineTemplate template:
                target.Resource(template, ResourceKinds.MachineTemplate);
                break;
            case Job job:
                target.Resource(job, ResourceKinds.Job);
                break;
            case MachineImageCollection images:
                target.Collection(CimiUris.MachineImageCollection, images.Id, images.Count, images.Entries, ResourceKinds.MachineImage, images.Operations);
                break;
            case JobCollection jobs:
                target.Collection(CimiUris.JobCollection, jobs.Id, jobs.Count, jobs.Entries, ResourceKinds.Job, jobs.Operations);
                break;
            case MachineCollection machines:
                target.Collection(CimiUris.MachineCollection, machines.Id, machines.Count, machines.Entries, ResourceKinds.Machine, machines.Operations);
                break;
            case DiskCollection disks:
                target.Collection(CimiUris.DiskCollection, disks.Id, disks.Count, disks.Entries, ResourceKinds.Disk, disks.Operations);
                break;
            case MachineConfigurationCollection configurations:
                target.Collection(CimiUris.MachineConfigurationCollection, configurations.Id, configurations.Count, configurations.Entries,
                    ResourceKinds.MachineConfiguration, configurations.Operations);
                break;
            case MachineTemplateCollection templates:
                target.Collection(CimiUris.MachineTemplateCollection, templates.Id, templates.Count, templates.Entries, ResourceKinds.MachineTemplate,
                    templates.Operations);
                break;
            case CimiError error:
                target.Error(error);
                break;
            default:
                throw new ArgumentException($"{document.GetType().Name} is not a CIMI document Kiln writes.", nameof(document));
        }
    }
}
