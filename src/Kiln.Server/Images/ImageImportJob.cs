namespace Kiln.Server.Images;

/// <summary>
/// The job that imports one image from its URL: its payload is the image id (the URL and label are read from the
/// catalog). The file lands where a built image's does (<see cref="ImageBuildJob.BlobPrefix"/>), so cancel, delete
/// and download treat both alike.
/// </summary>
internal static class ImageImportJob
{
    public const string Type = "image-import";

    /// <summary>The named HttpClient imports download with (see <see cref="ImageDownload.CreateHandler"/>).</summary>
    public const string HttpClientName = "kiln-image-import";

    public static string Payload(long imageId) => ImageBuildJob.Payload(imageId);

    public static long ImageId(string payload) => ImageBuildJob.ImageId(payload);

    public static string BlobPrefix(long imageId) => ImageBuildJob.BlobPrefix(imageId);
}
