using System.Globalization;
using Kiln.Catalog;
using Kiln.Server.UForgeApi;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeMapping;

/// <summary>The catalog's images as UForge image, status (OpStatus) and imagePkgs documents.</summary>
internal static class ImageMapping
{
    /// <summary>A generated image lives under its appliance; an imported one directly under its owner.</summary>
    public static string Uri(Image image) => Uri(image.Owner, image.ApplianceId, image.Id);

    private static string Uri(string owner, long? applianceId, long imageId) => applianceId is { } appliance
        ? Uri(owner, appliance, imageId)
        : string.Create(CultureInfo.InvariantCulture, $"users/{owner}/images/{imageId}");

    public static string Uri(string owner, long applianceId, long imageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ApplianceMapping.Uri(owner, applianceId)}/images/{imageId}");

    public static string Digest(Image image) => image.Stamp.Digest("image", image.Id);

    /// <param name="downloadId">A fresh download ticket, handed out by <c>get</c> only (lists would issue one per image and call).</param>
    public static Doc.Image ToDocument(Image image, string? downloadId = null)
    {
        var d = image.Definition;
        var uri = Uri(image);
        var target = TargetFormatCatalog.FindByName(image.TargetFormat);
        var artefact = image.Artefact;
        return new Doc.Image
        {
            DbId = image.Id,
            Created = image.Stamp.Created,
            LastModified = image.Stamp.LastModified,
            Digest = Digest(image),
            Sha256sum = artefact?.Sha256,
            Size = artefact?.Size,
            Status = ToStatus(image),
            ParentUri = image.ApplianceId is { } parent ? ApplianceMapping.Uri(image.Owner, parent) : null,
            Compress = image.Compress,
            DistributionName = d is null ? null : $"{d.Os.Distribution} {d.Os.Release}",
            DownloadUri = downloadId is null ? null : $"{uri}/downloads?downloadId={downloadId}",
            FileExtension = artefact is null ? null : Extension(artefact.FileName),
            FileName = artefact?.FileName,
            FileSize = artefact?.Size,
            Format = target is not null ? TargetFormatEndpoints.Document(target, image.Owner).Format
                : image.Format.Length > 0 ? new Doc.ImageFormat { Name = image.Format } : null,
            TargetFormat = target is null ? null : TargetFormatEndpoints.Document(target, image.Owner),
            FullName = d is null ? image.DisplayName : $"{d.Name}-{d.Version}",
            ImageCreated = image.Status.State == ImageState.Complete,
            InstallProfile = d is null || image.ApplianceId is not { } aid ? null
                : InstallProfileMapping.ToDocument(d.InstallProfile, ApplianceMapping.Uri(image.Owner, aid) + "/installProfile"),
            Name = image.DisplayName,
            PkgsUri = uri + "/pkgs",
            Revision = checked((int)image.Stamp.Revision),
            StatusUri = uri + "/status",
            Uri = uri,
            Version = d?.Version,
            VmDiskSize = d?.InstallProfile.DiskSize,
            VmMemorySize = d?.InstallProfile.MemorySize,
        };
    }

    public static Doc.OpStatus ToStatus(Image image) => ToStatus(new ImageProgress(image.Id, image.Owner, image.ApplianceId, image.Status, image.Stamp));

    /// <summary>UForge has no state enum: clients read complete, error and cancelled; queued and generating are all false.</summary>
    public static Doc.OpStatus ToStatus(ImageProgress image)
    {
        var status = image.Status;
        var uri = Uri(image.Owner, image.ApplianceId, image.Id);
        return new Doc.OpStatus
        {
            DbId = image.Id,
            Created = image.Stamp.Created,
            LastModified = image.Stamp.LastModified,
            Digest = image.Stamp.Digest("image", image.Id),
            Cancelled = status.State == ImageState.Cancelled,
            Complete = status.State == ImageState.Complete,
            DetailedError = status.DetailedError is not null,
            DetailedErrorMsg = status.DetailedError,
            Error = status.State == ImageState.Error,
            ErrorMessage = status.ErrorMessage,
            Message = status.Message,
            ParentUri = uri,
            Percentage = status.Percentage,
            Uri = uri + "/status",
        };
    }

    public static Doc.ImagePkgs ToPackages(Image image) => new()
    {
        Items = [.. image.Packages.Select(p => new Doc.ImagePkg
        {
            Level = 0,
            NativeFromDistribution = true,
            Pkg = new Doc.Pkg
            {
                Name = p.Name,
                Version = p.Version,
                Arch = p.Architecture,
                FullName = $"{p.Name}_{p.Version}_{p.Architecture}",
                Size = p.InstalledSizeKiB * 1024,
            },
        })],
        Total = image.Packages.Count,
    };

    /// <summary>The extension as UForge shows it: everything after the version, so "tar.gz" stays whole.</summary>
    private static string Extension(string fileName) =>
        fileName.EndsWith(".tar.gz", StringComparison.Ordinal) ? "tar.gz" : Path.GetExtension(fileName).TrimStart('.');
}
