using Kiln.Blobs;
using Kiln.Builder.Packages;
using Kiln.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Server.Tests.Support;

/// <summary>
/// What a finished (or failed, or running) build leaves, done the way the build worker does it through the real
/// catalog and blob store of the process: API tests get images in every state without running a build.
/// </summary>
public static class BuiltImages
{
    public const string FileName = "web-1.0.qcow2";

    /// <summary>The installed packages a build reads from the image's dpkg status.</summary>
    public static IReadOnlyList<PackageInfo> Packages { get; } =
    [
        new("base-files", "12.4+deb12u5", "amd64", "admin", 391, "Debian base system miscellaneous files"),
        new("nginx-light", "1.22.1-9", "amd64", "httpd", 1203, "nginx web/proxy server (basic version)"),
    ];

    /// <summary>A few hundred KB of random bytes: the image file's known content.</summary>
    public static byte[] RandomBytes(int size = 300 * 1024) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);

    public static string BlobKey(long imageId) => $"images/{imageId}/image.qcow2";

    /// <summary>A build that finished: the file in the blob store under the image's prefix, then the image complete with it and its packages.</summary>
    public static async Task<Image> CompleteAsync(KilnFactory factory, long imageId, byte[] bytes, string fileName = FileName)
    {
        var catalog = factory.Services.GetRequiredService<ICatalogStore>();
        var blobs = factory.Services.GetRequiredService<IBlobStore>();
        await StartAsync(factory, imageId);
        var key = BlobKey(imageId);
        using var content = new MemoryStream(bytes);
        var stored = await blobs.PutAsync(key, content, default);
        var done = await catalog.CompleteImageAsync(imageId, new ImageArtefact(key, fileName, stored.Size, stored.Sha256), Packages, default);
        Assert.Equal(ImageState.Complete, done?.Status.State);
        return done!;
    }

    /// <summary>An import that finished, as the import worker leaves it: no appliance, the format found in the file.</summary>
    public static async Task<Image> ImportedAsync(KilnFactory factory, string owner, byte[] bytes, string name = "debian-cloud")
    {
        var catalog = factory.Services.GetRequiredService<ICatalogStore>();
        var blobs = factory.Services.GetRequiredService<IBlobStore>();
        var image = await catalog.CreateImportAsync(
            new NewImport(owner, "http://images.example/debian.qcow2", new ImageLabel(name, "imported", new Dictionary<string, string>())), default);
        var key = BlobKey(image.Id);
        using var content = new MemoryStream(bytes);
        var stored = await blobs.PutAsync(key, content, default);
        var done = await catalog.CompleteImportAsync(image.Id, "qcow2", new ImageArtefact(key, name + ".qcow2", stored.Size, stored.Sha256), default);
        Assert.Equal(ImageState.Complete, done?.Status.State);
        return done!;
    }

    /// <summary>A build under way, as its status reporter writes it.</summary>
    public static async Task<Image> StartAsync(KilnFactory factory, long imageId, int percentage = 40, string message = "bootstrap")
    {
        var image = await factory.Services.GetRequiredService<ICatalogStore>()
            .UpdateImageStatusAsync(imageId, new ImageStatus(ImageState.Generating, percentage, message), default);
        return image!;
    }

    /// <summary>A build that failed: the status the worker writes (the step, what failed, the tool's own words).</summary>
    public static async Task<Image> FailAsync(KilnFactory factory, long imageId, string message, string errorMessage, string? detailedError)
    {
        var image = await factory.Services.GetRequiredService<ICatalogStore>()
            .UpdateImageStatusAsync(imageId, new ImageStatus(ImageState.Error, 40, message, errorMessage, detailedError), default);
        Assert.Equal(ImageState.Error, image?.Status.State);
        return image!;
    }
}
