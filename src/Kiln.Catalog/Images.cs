using Kiln.Builder.Appliances;
using Kiln.Builder.Packages;

namespace Kiln.Catalog;

public enum ImageState
{
    Queued,
    Generating,
    Complete,
    Error,
    Cancelled,
}

/// <summary>Where a generation is: UForge's OpStatus in Kiln's words. Complete, Error and Cancelled are final.</summary>
public sealed record ImageStatus(ImageState State, int Percentage, string Message, string? ErrorMessage = null, string? DetailedError = null)
{
    public bool IsFinal => State is ImageState.Complete or ImageState.Error or ImageState.Cancelled;

    public static ImageStatus Queued { get; } = new(ImageState.Queued, 0, "queued");
}

/// <summary>The file a generation (or an import) produced, as stored in the blob store.</summary>
public sealed record ImageArtefact(string BlobKey, string FileName, long Size, string Sha256)
{
    /// <summary>The size of the disk the guest sees, in bytes; null for a tarball.</summary>
    public long? VirtualSize { get; init; }
}

/// <summary>
/// A machine image: generated from an appliance in one target format, or imported from a URL (then it has no
/// appliance and no definition, and its format is known once the import has looked at the file).
/// <see cref="Definition"/> is the appliance as it was when generation was asked (with the request's install profile
/// overrides), so a later edit of the appliance does not change what this image is, and regenerate can ask for the
/// same again.
/// </summary>
public sealed record Image(
    long Id,
    string Owner,
    long? ApplianceId,
    string TargetFormat,
    string Format,
    bool Compress,
    ApplianceDefinition? Definition,
    Guid? JobId,
    ImageStatus Status,
    ImageArtefact? Artefact,
    IReadOnlyList<PackageInfo> Packages,
    Stamp Stamp)
{
    /// <summary>Name, description and properties given to the image itself (through CIMI); empty by default.</summary>
    public ImageLabel Label { get; init; } = ImageLabel.Empty;

    /// <summary>The URL an imported image was fetched from; null for a generated image.</summary>
    public string? Source { get; init; }

    /// <summary>The label's name, else the appliance's, else the image's number.</summary>
    public string DisplayName => Label.Name ?? Definition?.Name ?? $"image-{Id}";
}

/// <summary>What a user calls an image: a name, a description and free properties (string to string).</summary>
public sealed record ImageLabel(string? Name, string? Description, IReadOnlyDictionary<string, string> Properties)
{
    public static ImageLabel Empty { get; } = new(null, null, new Dictionary<string, string>());
}

/// <summary>What importing an image records before the file is fetched.</summary>
public sealed record NewImport(string Owner, string Source, ImageLabel Label);

/// <summary>What generating an image records before its build starts.</summary>
public sealed record NewImage(string Owner, long ApplianceId, string TargetFormat, string Format, bool Compress, ApplianceDefinition Definition);

/// <summary>A single-use, expiring permission to download one image without credentials.</summary>
public sealed record DownloadTicket(string Id, long ImageId, DateTimeOffset ExpiresAt);
