using Kiln.UForge.Wire;

namespace Kiln.UForge.Shapes;

internal static class ImageShapes
{
    public static readonly Shape<OpStatus> OpStatus = new Shape<OpStatus>(() => new OpStatus())
        .Inherit(CommonShapes.UForgeObject.Members)
        .Int64("bytesLoaded", x => x.BytesLoaded, (x, v) => x.BytesLoaded = v)
        .Int64("bytesTotal", x => x.BytesTotal, (x, v) => x.BytesTotal = v)
        .Boolean("cancelled", x => x.Cancelled, (x, v) => x.Cancelled = v)
        .Boolean("complete", x => x.Complete, (x, v) => x.Complete = v)
        .Boolean("detailedError", x => x.DetailedError, (x, v) => x.DetailedError = v)
        .Text("detailedErrorMsg", x => x.DetailedErrorMsg, (x, v) => x.DetailedErrorMsg = v)
        .Boolean("error", x => x.Error, (x, v) => x.Error = v)
        .Text("errorMessage", x => x.ErrorMessage, (x, v) => x.ErrorMessage = v)
        .DateTime("eta", x => x.Eta, (x, v) => x.Eta = v)
        .Text("message", x => x.Message, (x, v) => x.Message = v)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .Int32("percentage", x => x.Percentage, (x, v) => x.Percentage = v)
        .Boolean("published", x => x.Published, (x, v) => x.Published = v)
        .DateTime("totalTime", x => x.TotalTime, (x, v) => x.TotalTime = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v);

    public static readonly Shape<OpStatuses> OpStatuses = new Shape<OpStatuses>(() => new OpStatuses())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("statuses", "status", x => x.Items, (x, v) => x.Items = v, () => OpStatus);

    public static readonly Shape<Image> Image = new Shape<Image>(() => new Image())
        .Inherit(CommonShapes.UForgeUploadObject.Members)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .Text("basePublishImagesUri", x => x.BasePublishImagesUri, (x, v) => x.BasePublishImagesUri = v)
        .Int64("completeInstalledSize", x => x.CompleteInstalledSize, (x, v) => x.CompleteInstalledSize = v)
        .Int64("completeSize", x => x.CompleteSize, (x, v) => x.CompleteSize = v)
        .Boolean("compress", x => x.Compress, (x, v) => x.Compress = v)
        .Text("distributionName", x => x.DistributionName, (x, v) => x.DistributionName = v)
        .Text("downloadKey", x => x.DownloadKey, (x, v) => x.DownloadKey = v)
        .Text("downloadUri", x => x.DownloadUri, (x, v) => x.DownloadUri = v)
        .Boolean("ebs", x => x.Ebs, (x, v) => x.Ebs = v)
        .Int32("ebsVolumeSize", x => x.EbsVolumeSize, (x, v) => x.EbsVolumeSize = v)
        .Text("fileExtension", x => x.FileExtension, (x, v) => x.FileExtension = v)
        .Text("fileName", x => x.FileName, (x, v) => x.FileName = v)
        .Int64("fileSize", x => x.FileSize, (x, v) => x.FileSize = v)
        .Element("format", x => x.Format, (x, v) => x.Format = v, () => FormatShapes.ImageFormat)
        .Element("targetFormat", x => x.TargetFormat, (x, v) => x.TargetFormat = v, () => FormatShapes.TargetFormat)
        .Text("fullName", x => x.FullName, (x, v) => x.FullName = v)
        .Boolean("imageCreated", x => x.ImageCreated, (x, v) => x.ImageCreated = v)
        .Element("installProfile", x => x.InstallProfile, (x, v) => x.InstallProfile = v, () => ApplianceShapes.InstallProfile)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("orgUri", x => x.OrgUri, (x, v) => x.OrgUri = v)
        .Text("pkgsUri", x => x.PkgsUri, (x, v) => x.PkgsUri = v)
        .Boolean("publicAccess", x => x.PublicAccess, (x, v) => x.PublicAccess = v)
        .Boolean("registeredCredAccount", x => x.RegisteredCredAccount, (x, v) => x.RegisteredCredAccount = v)
        .Int32("revision", x => x.Revision, (x, v) => x.Revision = v)
        .Boolean("simulated", x => x.Simulated, (x, v) => x.Simulated = v)
        .Text("statusUri", x => x.StatusUri, (x, v) => x.StatusUri = v)
        .Text("tag", x => x.Tag, (x, v) => x.Tag = v)
        .Boolean("updateTools", x => x.UpdateTools, (x, v) => x.UpdateTools = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Text("version", x => x.Version, (x, v) => x.Version = v)
        .Int64("vmDiskSize", x => x.VmDiskSize, (x, v) => x.VmDiskSize = v)
        .Int32("vmMemorySize", x => x.VmMemorySize, (x, v) => x.VmMemorySize = v)
        .Boolean("forceCheckingDeps", x => x.ForceCheckingDeps, (x, v) => x.ForceCheckingDeps = v)
        .Text("entrypoint", x => x.Entrypoint, (x, v) => x.Entrypoint = v)
        .Text("registeringName", x => x.RegisteringName, (x, v) => x.RegisteringName = v);

    public static readonly Shape<Images> Images = new Shape<Images>(() => new Images())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("images", "image", x => x.Items, (x, v) => x.Items = v, () => Image);

    public static readonly Shape<ImagePkg> ImagePkg = new Shape<ImagePkg>(() => new ImagePkg())
        .Int32("level", x => x.Level, (x, v) => x.Level = v)
        .Boolean("native_from_distribution", x => x.NativeFromDistribution, (x, v) => x.NativeFromDistribution = v)
        .Element("pkg", x => x.Pkg, (x, v) => x.Pkg = v, () => DistributionShapes.Pkg);

    public static readonly Shape<ImagePkgs> ImagePkgs = new Shape<ImagePkgs>(() => new ImagePkgs())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("imagePkgs", "imagePkg", x => x.Items, (x, v) => x.Items = v, () => ImagePkg);
}
