using System.Globalization;
using Kiln.Catalog;
using Kiln.Cimi;
using Kiln.Cimi.Query;
using Kiln.Server.UForgeMapping;

namespace Kiln.Server.CimiApi;

/// <summary>
/// Every image of the catalog as a CIMI MachineImage: building ones CREATING, complete ones AVAILABLE (imageLocation:
/// their download URL, which takes the owner's credentials), failed or cancelled ones ERROR. Kiln's facts about the
/// image are properties next to the user's own (which cannot shadow them).
/// </summary>
internal static class CimiImageMapping
{
    /// <summary>Property names Kiln sets; a user's property of the same name is not kept.</summary>
    public static readonly IReadOnlySet<string> KilnProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "format", "targetFormat", "virtualSize", "fileSize", "fileName", "sha256", "appliance", "source", "owner", "status", "progress", "error",
    };

    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "description", "created", "updated", "properties", "state", "type", "imageLocation", "relatedImage", "operations",
    };

    public static MachineImage ToDocument(Image image, CimiLinks links)
    {
        var id = links.MachineImage(image.Id);
        return new MachineImage
        {
            Id = id,
            Name = image.DisplayName,
            Description = image.Label.Description ?? image.Definition?.Description,
            Created = image.Stamp.Created,
            Updated = image.Stamp.LastModified,
            Properties = Properties(image, links),
            State = StateOf(image),
            Type = MachineImageType.Image,
            ImageLocation = image.Compress && image.Status.State == ImageState.Complete && image.Artefact is not null
                ? links.Root + "api/" + ImageMapping.Uri(image) + "/downloads"
                : null,
            Operations = [new CimiOperation("edit", id), new CimiOperation("delete", id)],
        };
    }

    public static MachineImageState StateOf(Image image) => image.Status.State switch
    {
        ImageState.Queued or ImageState.Generating => MachineImageState.Creating,
        ImageState.Complete => MachineImageState.Available,
        _ => MachineImageState.Error,
    };

    /// <summary>What $filter reads: the document's attributes and its properties.</summary>
    public static ICimiQueryable Queryable(MachineImage image) => new CimiQueryable(
        name => name switch
        {
            "id" => CimiValues.Of(image.Id),
            "name" => CimiValues.Of(image.Name),
            "description" => CimiValues.Of(image.Description),
            "created" => CimiValues.Of(image.Created),
            "updated" => CimiValues.Of(image.Updated),
            "state" => CimiValues.Of(image.State is { } state ? CimiWireNames.Of(state) : null),
            "type" => CimiValues.Of(image.Type is { } type ? CimiWireNames.Of(type) : null),
            "imageLocation" => CimiValues.Of(image.ImageLocation),
            _ => null,
        },
        key => image.Properties.FirstOrDefault(p => p.Key == key).Value);

    private static List<KeyValuePair<string, string>> Properties(Image image, CimiLinks links)
    {
        var properties = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                properties.Add(new(key, value));
        }
        Add("format", image.Format);
        Add("targetFormat", image.TargetFormat);
        Add("virtualSize", image.Artefact?.VirtualSize?.ToString(CultureInfo.InvariantCulture));
        Add("fileSize", image.Artefact?.Size.ToString(CultureInfo.InvariantCulture));
        Add("fileName", image.Artefact?.FileName);
        Add("sha256", image.Artefact?.Sha256);
        Add("appliance", image.ApplianceId is { } aid ? links.Root + "api/" + ApplianceMapping.Uri(image.Owner, aid) : null);
        Add("source", image.Source);
        Add("owner", image.Owner);
        Add("status", image.Status.Message);
        if (!image.Status.IsFinal)
            Add("progress", image.Status.Percentage.ToString(CultureInfo.InvariantCulture));
        Add("error", image.Status.ErrorMessage);
        foreach (var (key, value) in image.Label.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!KilnProperties.Contains(key))
                properties.Add(new(key, value));
        return properties;
    }
}
