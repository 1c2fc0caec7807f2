using System.Text.Json;

namespace Kiln.Cimi.Wire;

/// <summary>
/// Documents as flat JSON objects: <c>resourceURI</c> first, then the attributes; a collection's entries in an array
/// under their collection member (<c>machineImages</c>), each with its own <c>resourceURI</c>.
/// </summary>
internal static class JsonDocuments
{
    public static void Write(Utf8JsonWriter writer, object document, IReadOnlySet<string>? select)
    {
        switch (document)
        {
            case CloudEntryPoint entryPoint:
                Resource(writer, entryPoint, ResourceKinds.CloudEntryPoint, new JsonAttributeSink(writer, select));
                break;
            case MachineImage image:
                Resource(writer, image, ResourceKinds.MachineImage, new JsonAttributeSink(writer, select));
                break;
            case Machine machine:
                Resource(writer, machine, ResourceKinds.Machine, new JsonAttributeSink(writer, select));
                break;
            case Disk disk:
                Resource(writer, disk, ResourceKinds.Disk, new JsonAttributeSink(writer, select));
                break;
            case MachineConfiguration configuration:
                Resource(writer, configuration, ResourceKinds.MachineConfiguration, new JsonAttributeSink(writer, select));
                break;
            case MachineTemplate template:
                Resource(writer, template, ResourceKinds.MachineTemplate, new JsonAttributeSink(writer, select));
                break;
            case Job job:
                Resource(writer, job, ResourceKinds.Job, new JsonAttributeSink(writer, select));
                break;
            case MachineImageCollection images:
                Collection(writer, CimiUris.MachineImageCollection, images.Id, images.Count, images.Entries, ResourceKinds.MachineImage, images.Operations, select);
                break;
            case JobCollection jobs:
                Collection(writer, CimiUris.JobCollection, jobs.Id, jobs.Count, jobs.Entries, ResourceKinds.Job, jobs.Operations, select);
                break;
            case MachineCollection machines:
                Collection(writer, CimiUris.MachineCollection, machines.Id, machines.Count, machines.Entries, ResourceKinds.Machine, machines.Operations, select);
                break;
            case DiskCollection disks:
                Collection(writer, CimiUris.DiskCollection, disks.Id, disks.Count, disks.Entries, ResourceKinds.Disk, disks.Operations, select);
                break;
            case MachineConfigurationCollection configurations:
                Collection(writer, CimiUris.MachineConfigurationCollection, configurations.Id, configurations.Count, configurations.Entries, ResourceKinds.MachineConfiguration, configurations.Operations, select);
                break;
            case MachineTemplateCollection templates:
                Collection(writer, CimiUris.MachineTemplateCollection, templates.Id, templates.Count, templates.Entries, ResourceKinds.MachineTemplate, templates.Operations, select);
                break;
            case CimiError error:
                Error(writer, error);
                break;
            default:
                throw new ArgumentException($"{document.GetType().Name} is not a CIMI document Kiln writes.", nameof(document));
        }
    }

    private static void Resource<T>(Utf8JsonWriter writer, T resource, ResourceKind<T> kind, JsonAttributeSink sink)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceURI", kind.ResourceUri);
        kind.Attributes(resource, sink);
        writer.WriteEndObject();
    }

    private static void Collection<T>(
        Utf8JsonWriter writer,
        string resourceUri,
        string? id,
        int count,
        IReadOnlyList<T> entries,
        ResourceKind<T> kind,
        IReadOnlyList<CimiOperation> operations,
        IReadOnlySet<string>? select)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceURI", resourceUri);

        // $select picks the entries' attributes; the collection's own always appear.
        var own = new JsonAttributeSink(writer, select: null);
        own.Text("id", id);
        own.Integer("count", count);

        // Always present, even empty: clients iterate it without looking first.
        writer.WriteStartArray(kind.CollectionMember);
        var entrySink = new JsonAttributeSink(writer, select);
        foreach (var entry in entries)
        {
            Resource(writer, entry, kind, entrySink);
        }

        writer.WriteEndArray();
        own.Operations(operations);
        writer.WriteEndObject();
    }

    private static void Error(Utf8JsonWriter writer, CimiError error)
    {
        writer.WriteStartObject();
        writer.WriteNumber("status", error.Status);
        writer.WriteString("message", error.Message);
        if (error.Path is not null)
        {
            writer.WriteString("path", error.Path);
        }

        writer.WriteEndObject();
    }
}
