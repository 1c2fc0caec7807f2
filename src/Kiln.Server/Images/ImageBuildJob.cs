using System.Globalization;

namespace Kiln.Server.Images;

/// <summary>The job that builds one image: its payload is the image id, everything else is read from the catalog.</summary>
internal static class ImageBuildJob
{
    public const string Type = "image-build";

    public static string Payload(long imageId) => imageId.ToString(CultureInfo.InvariantCulture);

    public static long ImageId(string payload) =>
        long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new FormatException($"'{payload}' is not the payload of an image build (an image id)");

    /// <summary>Where an image's artefacts live in the blob store; deleting the image deletes the prefix.</summary>
    public static string BlobPrefix(long imageId) => string.Create(CultureInfo.InvariantCulture, $"images/{imageId}/");
}
