using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// A CIMI client imports a disk image end to end, in process with the real worker: files made with the real qemu-img,
/// served over HTTP by the test; the image is then downloaded through its imageLocation and seen in the UForge views.
/// Unsafe or malformed files end in FAILED jobs and ERROR images, with nothing stored.
/// </summary>
public sealed class ImportEndToEndTests : IClassFixture<CimiWorkerFixture>
{
    private readonly CimiWorkerFixture _fixture;

    public ImportEndToEndTests(CimiWorkerFixture fixture) => _fixture = fixture;

    private CimiWorkerKiln Kiln => _fixture.Kiln;

    private StaticFileServer Files => _fixture.Files;

    [Fact]
    public async Task A_qcow2_served_over_http_is_imported_AVAILABLE_downloadable_through_its_imageLocation_and_listed_by_UForge()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "cimi-debian.qcow2", "16M");
        var served = await File.ReadAllBytesAsync(Files.Directory.Combine("cimi-debian.qcow2"));
        var url = Files.Url("files/cimi-debian.qcow2");
        using var client = Admin(Kiln);

        var created = await CreateAsync(client, url.AbsoluteUri, "debian from cimi", "imported by a CIMI client", ("tier", "gold"));
        var id = IdOf(Value(created.Xml, "id")!);
        var job = await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!);

        Assert.True(Value(job, "state") == "SUCCESS", job.ToString());
        var image = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("AVAILABLE", "debian from cimi", "imported by a CIMI client"), (Value(image, "state"), Value(image, "name"), Value(image, "description")));
        var location = Value(image, "imageLocation");
        Assert.Equal($"http://localhost/api/users/admin/images/{id}/downloads", location);
        var properties = Properties(image);
        Assert.Equal("qcow2", properties["format"]);
        Assert.Equal(url.AbsoluteUri, properties["source"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(served)), properties["sha256"]);
        Assert.Equal(served.Length.ToString(CultureInfo.InvariantCulture), properties["fileSize"]);
        Assert.Equal((16 * 1024 * 1024).ToString(CultureInfo.InvariantCulture), properties["virtualSize"]);
        Assert.Equal("gold", properties["tier"]);
        Assert.DoesNotContain("appliance", properties.Keys);

        using (var download = Client(Kiln, "admin", KilnFactory.AdminPassword))
        using (var response = await download.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(served, await response.Content.ReadAsByteArrayAsync());
        }
        using (var anonymous = Client(Kiln))
        using (var response = await anonymous.GetAsync(location))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var uforge = Kiln.Admin();
        Assert.Contains(id, await UForgeImageIdsAsync(uforge));
        using var one = await uforge.GetAsync($"/api/users/admin/images/{id}");
        var document = ValidUForge.Parse(await one.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("debian from cimi", document.Element("name")!.Value);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(served)), document.Element("sha256sum")?.Value);
    }

    [Fact]
    public async Task A_qcow2_with_a_backing_file_ends_FAILED_its_image_ERROR_naming_the_backing_file_and_nothing_is_stored()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "cimi-base.qcow2", "16M");
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "-b", "cimi-base.qcow2", "-F", "qcow2", "cimi-child.qcow2");
        using var client = Admin(Kiln);

        var created = await CreateAsync(client, Files.Url("files/cimi-child.qcow2").AbsoluteUri, "child");
        var id = IdOf(Value(created.Xml, "id")!);
        var job = await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!);

        Assert.Equal("FAILED", Value(job, "state"));
        Assert.Contains("cimi-base.qcow2", Value(job, "statusMessage"), StringComparison.Ordinal);
        var image = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("ERROR", Value(image, "state"));
        Assert.Null(Value(image, "imageLocation"));
        var error = Properties(image)["error"];
        Assert.Contains("backing file", error, StringComparison.Ordinal);
        Assert.Contains("cimi-base.qcow2", error, StringComparison.Ordinal);
        Assert.Equal("inspecting failed", Properties(image)["status"]);
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task Random_bytes_end_FAILED_and_nothing_is_stored()
    {
        Files.Directory.WriteFile("cimi-random.qcow2", RandomNumberGenerator.GetBytes(200_000));
        using var client = Admin(Kiln);

        var created = await CreateAsync(client, Files.Url("files/cimi-random.qcow2").AbsoluteUri, "random");
        var id = IdOf(Value(created.Xml, "id")!);
        var job = await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!);

        Assert.Equal("FAILED", Value(job, "state"));
        var image = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("ERROR", Value(image, "state"));
        Assert.Contains("not a disk image", Properties(image)["error"], StringComparison.Ordinal);
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task A_URL_answering_404_ends_FAILED_naming_the_URL()
    {
        var url = Files.Url("missing");
        using var client = Admin(Kiln);

        var created = await CreateAsync(client, url.AbsoluteUri, "missing");
        var job = await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!);

        Assert.Equal("FAILED", Value(job, "state"));
        Assert.Contains("404", Value(job, "statusMessage"), StringComparison.Ordinal);
        await AssertNothingStoredAsync(IdOf(Value(created.Xml, "id")!));
    }

    [Fact]
    public async Task An_imported_image_deleted_through_CIMI_is_gone_with_its_file()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "cimi-doomed.qcow2", "16M");
        using var client = Admin(Kiln);
        var created = await CreateAsync(client, Files.Url("files/cimi-doomed.qcow2").AbsoluteUri, "doomed");
        var id = IdOf(Value(created.Xml, "id")!);
        Assert.Equal("SUCCESS", Value(await WaitForJobEndAsync(client, created.Header("CIMI-Job-URI")!), "state"));
        var location = Value((await GetAsync(client, ImagePath(id))).Xml, "imageLocation")!;

        (await DeleteAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK);

        await AssertNothingStoredAsync(id);
        using var uforge = Kiln.Admin();
        Assert.DoesNotContain(id, await UForgeImageIdsAsync(uforge));
        using var download = Client(Kiln, "admin", KilnFactory.AdminPassword);
        using var response = await download.GetAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Once the worker is done with the import (its queue job ended): no blob, no blob directory, no scratch.</summary>
    private async Task AssertNothingStoredAsync(long id)
    {
        var queue = Kiln.Services.GetRequiredService<IJobQueue>();
        var image = await Kiln.Services.GetRequiredService<ICatalogStore>().GetImageByIdAsync(id, default);
        if (image?.JobId is { } jobId)
            await WaitUntilAsync(async () => (await queue.GetAsync(jobId, default))?.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled,
                $"job {jobId} to end");
        var stored = new List<string>();
        await foreach (var blob in Kiln.Services.GetRequiredService<IBlobStore>().ListAsync($"images/{id}/", default))
            stored.Add(blob.Key);
        Assert.Empty(stored);
        Assert.False(Directory.Exists(Path.Combine(Kiln.DataDirectory, "blobs", "images", id.ToString(CultureInfo.InvariantCulture))));
        var builds = Path.Combine(Kiln.DataDirectory, "builds");
        Assert.Empty(Directory.Exists(builds) ? Directory.EnumerateFileSystemEntries(builds, $"{id}-*") : []);
    }
}
