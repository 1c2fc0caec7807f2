namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>UForgeUploadObject</c>. Holds generic information used by platform objects that can be
/// uploaded.
/// </summary>
public abstract class UForgeUploadObject : UForgeObject
{
    public string? Md5sum { get; set; }
    public string? MimeType { get; set; }
    public string? Sha256sum { get; set; }
    public long? Size { get; set; }
    public OpStatus? Status { get; set; }
    public bool? Uploaded { get; set; }
    public DateTimeOffset? UploadedTime { get; set; }
}
