using Kiln.UForge.Wire;

namespace Kiln.UForge.Shapes;

internal static class FormatShapes
{
    public static readonly Shape<ImageFormat> ImageFormat = new Shape<ImageFormat>(() => new ImageFormat())
        .Inherit(CommonShapes.UForgeObject.Members)
        .Boolean("access", x => x.Access, (x, v) => x.Access = v)
        .Boolean("active", x => x.Active, (x, v) => x.Active = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Boolean("preselected", x => x.Preselected, (x, v) => x.Preselected = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v);

    public static readonly Shape<ImageFormats> ImageFormats = new Shape<ImageFormats>(() => new ImageFormats())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("imageFormats", "imageFormat", x => x.Items, (x, v) => x.Items = v, () => ImageFormat);

    public static readonly Shape<TargetFormat> TargetFormat = new Shape<TargetFormat>(() => new TargetFormat())
        .Inherit(CommonShapes.UForgeObject.Members)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Element("logo", x => x.Logo, (x, v) => x.Logo = v, () => CommonShapes.Logo)
        .Element("format", x => x.Format, (x, v) => x.Format = v, () => ImageFormat)
        .Element("category", x => x.Category, (x, v) => x.Category = v, () => CommonShapes.Category)
        .Text("type", x => x.Type, (x, v) => x.Type = v)
        .Text("credAccountType", x => x.CredAccountType, (x, v) => x.CredAccountType = v)
        .Text("targetPlatformsUri", x => x.TargetPlatformsUri, (x, v) => x.TargetPlatformsUri = v)
        .Uris("targetPlatformsUriList", x => x.TargetPlatformsUriList, (x, v) => x.TargetPlatformsUriList = v)
        .Text("credInfos", x => x.CredInfos, (x, v) => x.CredInfos = v)
        .Text("imageInfos", x => x.ImageInfos, (x, v) => x.ImageInfos = v)
        .Text("publishInfos", x => x.PublishInfos, (x, v) => x.PublishInfos = v)
        .Boolean("access", x => x.Access, (x, v) => x.Access = v)
        .Boolean("active", x => x.Active, (x, v) => x.Active = v)
        .Boolean("preselected", x => x.Preselected, (x, v) => x.Preselected = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v);

    public static readonly Shape<TargetFormats> TargetFormats = new Shape<TargetFormats>(() => new TargetFormats())
        .Inherit(CommonShapes.UForgeObjects.Members)
        .RootList("targetFormats", "targetFormat", x => x.Items, (x, v) => x.Items = v, () => TargetFormat);
}
