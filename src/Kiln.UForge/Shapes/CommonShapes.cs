using Kiln.UForge.Wire;

namespace Kiln.UForge.Shapes;

internal static class CommonShapes
{
    public static readonly Shape<UForgeObject> UForgeObject = new Shape<UForgeObject>()
        .DateTime("created", x => x.Created, (x, v) => x.Created = v)
        .Int64("dbId", x => x.DbId, (x, v) => x.DbId = v)
        .Text("digest", x => x.Digest, (x, v) => x.Digest = v)
        .DateTime("lastModified", x => x.LastModified, (x, v) => x.LastModified = v);

    public static readonly Shape<UForgeUploadObject> UForgeUploadObject = new Shape<UForgeUploadObject>()
        .Inherit(UForgeObject.Members)
        .Text("md5sum", x => x.Md5sum, (x, v) => x.Md5sum = v)
        .Text("mimeType", x => x.MimeType, (x, v) => x.MimeType = v)
        .Text("sha256sum", x => x.Sha256sum, (x, v) => x.Sha256sum = v)
        .Int64("size", x => x.Size, (x, v) => x.Size = v)
        .Element("status", x => x.Status, (x, v) => x.Status = v, () => ImageShapes.OpStatus)
        .Boolean("uploaded", x => x.Uploaded, (x, v) => x.Uploaded = v)
        .DateTime("uploadedTime", x => x.UploadedTime, (x, v) => x.UploadedTime = v);

    public static readonly Shape<UForgeObjects> UForgeObjects = new Shape<UForgeObjects>()
        .Int64("total", x => x.Total, (x, v) => x.Total = v);

    public static readonly Shape<ServiceStatus> ServiceStatus = new Shape<ServiceStatus>(() => new ServiceStatus())
        .Inherit(UForgeObject.Members)
        .Boolean("alive", x => x.Alive, (x, v) => x.Alive = v)
        .Text("version", x => x.Version, (x, v) => x.Version = v)
        .Int32("serviceLoad", x => x.ServiceLoad, (x, v) => x.ServiceLoad = v);

    public static readonly Shape<LocalizedMessage> LocalizedMessage = new Shape<LocalizedMessage>(() => new LocalizedMessage())
        .Text("message", x => x.Message, (x, v) => x.Message = v)
        .Text("messageId", x => x.MessageId, (x, v) => x.MessageId = v)
        .Strings("parameters", "parameter", x => x.Parameters, (x, v) => x.Parameters = v);

    public static readonly Shape<UForgeError> UForgeError = new Shape<UForgeError>(() => new UForgeError())
        .Element("localizedErrorMsg", x => x.LocalizedErrorMsg, (x, v) => x.LocalizedErrorMsg = v, () => LocalizedMessage)
        .Text("requestMethod", x => x.RequestMethod, (x, v) => x.RequestMethod = v)
        .Text("requestUri", x => x.RequestUri, (x, v) => x.RequestUri = v)
        .Int32("statusCode", x => x.StatusCode, (x, v) => x.StatusCode = v)
        .DateTime("timestamp", x => x.Timestamp, (x, v) => x.Timestamp = v);

    public static readonly Shape<Logo> Logo = new Shape<Logo>(() => new Logo())
        .Inherit(UForgeUploadObject.Members)
        .Text("description", x => x.Description, (x, v) => x.Description = v)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .Text("title", x => x.Title, (x, v) => x.Title = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v);

    // Categories nest: the shape refers to itself, read once the field is set.
    public static readonly Shape<Category> Category = new Shape<Category>(() => new Category())
        .Inherit(UForgeObject.Members)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("orgUri", x => x.OrgUri, (x, v) => x.OrgUri = v)
        .List("subCategories", "category", x => x.SubCategories, (x, v) => x.SubCategories = v, () => Category!)
        .Text("subCategoryUri", x => x.SubCategoryUri, (x, v) => x.SubCategoryUri = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Text("type", x => x.Type, (x, v) => x.Type = v);

    public static readonly Shape<Company> Company = new Shape<Company>(() => new Company())
        .Inherit(UForgeObject.Members)
        .Element("logo", x => x.Logo, (x, v) => x.Logo = v, () => Logo)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v)
        .Text("website", x => x.Website, (x, v) => x.Website = v);

    public static readonly Shape<License> License = new Shape<License>(() => new License())
        .Inherit(UForgeUploadObject.Members)
        .Text("name", x => x.Name, (x, v) => x.Name = v)
        .Text("parentUri", x => x.ParentUri, (x, v) => x.ParentUri = v)
        .Text("type", x => x.Type, (x, v) => x.Type = v)
        .Text("uri", x => x.Uri, (x, v) => x.Uri = v);
}
