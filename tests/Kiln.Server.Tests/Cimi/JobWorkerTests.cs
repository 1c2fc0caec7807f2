using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Kiln.Blobs;
using Kiln.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// Jobs of imports the real worker runs: RUNNING while the download is held back by the test's server, then SUCCESS
/// or FAILED; a running one cancelled with DELETE stops, and nothing of it stays.
/// </summary>
public sealed class JobWorkerTests : IClassFixture<CimiWorkerFixture>
{
    private readonly CimiWorkerFixture _fixture;

    public JobWorkerTests(CimiWorkerFixture fixture) => _fixture = fixture;

    private CimiWorkerKiln Kiln => _fixture.Kiln;

    [Fact]
    public async Task An_import_s_job_is_RUNNING_while_it_downloads_then_SUCCESS_and_its_image_AVAILABLE()
    {
        var bytes = await QcowAsync("job-ok.qcow2");
        var url = _fixture.Held.Serve("job-ok.qcow2", bytes);
        using var client = Admin(Kiln);
        var created = await CreateAsync(client, url.AbsoluteUri, "job-ok");
        var href = created.Header("CIMI-Job-URI")!;
        var image = Value(created.Xml, "id")!;

        var running = (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("RUNNING", "true"), (Value(running, "state"), Value(running, "isCancellable")));
        Assert.Contains(href, (await GetAsync(client, "/cimi/jobs")).Expect(HttpStatusCode.OK).Xml.Elements(Ns + "Job").Select(j => Value(j, "id")));
        Assert.Equal("CREATING", Value((await GetAsync(client, PathOf(image))).Xml, "state"));

        _fixture.Held.Release("job-ok.qcow2");
        var done = await WaitForJobEndAsync(client, href);

        Assert.True(Value(done, "state") == "SUCCESS", done.ToString());
        Assert.Equal(("100", "0", "false"), (Value(done, "progress"), Value(done, "returnCode"), Value(done, "isCancellable")));
        var available = (await GetAsync(client, PathOf(image))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("AVAILABLE", Value(available, "state"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Properties(available)["sha256"]);
        (await DeleteAsync(client, PathOf(href))).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_import_of_something_that_is_not_a_disk_ends_its_job_FAILED_with_the_reason()
    {
        var url = _fixture.Held.Serve("job-bad.qcow2", RandomNumberGenerator.GetBytes(100_000));
        using var client = Admin(Kiln);
        var created = await CreateAsync(client, url.AbsoluteUri, "job-bad");
        var href = created.Header("CIMI-Job-URI")!;
        Assert.Equal("RUNNING", Value((await GetAsync(client, PathOf(href))).Xml, "state"));

        _fixture.Held.Release("job-bad.qcow2");
        var done = await WaitForJobEndAsync(client, href);

        Assert.Equal(("FAILED", "1"), (Value(done, "state"), Value(done, "returnCode")));
        Assert.Contains("not a disk image", Value(done, "statusMessage"), StringComparison.Ordinal);
        Assert.Equal("ERROR", Value((await GetAsync(client, PathOf(Value(created.Xml, "id")!))).Xml, "state"));
        (await DeleteAsync(client, PathOf(href))).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleting_a_running_import_s_job_stops_it_CANCELLED_its_image_ERROR_and_nothing_stays_in_storage()
    {
        var url = _fixture.Files.Url("slow");
        using var client = Admin(Kiln);
        var created = await CreateAsync(client, url.AbsoluteUri, "job-cancel");
        var href = created.Header("CIMI-Job-URI")!;
        var id = IdOf(Value(created.Xml, "id")!);
        await WaitUntilAsync(async () => Properties((await GetAsync(client, ImagePath(id))).Xml).GetValueOrDefault("status")?
            .StartsWith("downloading (", StringComparison.Ordinal) == true, "the download to start");
        Assert.Equal("RUNNING", Value((await GetAsync(client, PathOf(href))).Xml, "state"));

        var cancelled = await DeleteAsync(client, PathOf(href));

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        var queue = Kiln.Services.GetRequiredService<IJobQueue>();
        var jobId = Guid.Parse(href[(href.LastIndexOf('/') + 1)..]);
        await WaitUntilAsync(async () => (await queue.GetAsync(jobId, default))?.State == JobState.Cancelled, "the worker to stop the import");
        var job = (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("CANCELLED", "false"), (Value(job, "state"), Value(job, "isCancellable")));
        var image = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml; // the image stays, ended
        Assert.Equal("ERROR", Value(image, "state"));
        Assert.Null(Value(image, "imageLocation"));
        await WaitUntilAsync(() => Task.FromResult(!ScratchOf(id).Any()), "the import's scratch directory to go");
        await AssertNothingStoredAsync(id);
        (await DeleteAsync(client, PathOf(href))).Expect(HttpStatusCode.Conflict);

        (await DeleteAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK); // and then the image can go
        (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_an_image_whose_import_is_running_stops_the_import_and_leaves_nothing()
    {
        var url = _fixture.Held.Serve("deleted-while-held.qcow2", await QcowAsync("deleted-while-held.qcow2"));
        using var client = Admin(Kiln);
        var created = await CreateAsync(client, url.AbsoluteUri, "deleted while running");
        var href = created.Header("CIMI-Job-URI")!;
        var id = IdOf(Value(created.Xml, "id")!);
        var queue = Kiln.Services.GetRequiredService<IJobQueue>();
        var jobId = Guid.Parse(href[(href.LastIndexOf('/') + 1)..]);
        await WaitUntilAsync(async () => (await queue.GetAsync(jobId, default))?.State == JobState.Running, "the worker to take the import");

        var deleted = await DeleteAsync(client, ImagePath(id));

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Empty(deleted.Body);
        await WaitUntilAsync(async () => (await queue.GetAsync(jobId, default))?.State == JobState.Cancelled, "the worker to stop the import");
        _fixture.Held.Release("deleted-while-held.qcow2"); // too late: nothing fetches it any more
        (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.NotFound);
        (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.NotFound);
        await WaitUntilAsync(() => Task.FromResult(!ScratchOf(id).Any()), "the import's scratch directory to go");
        await AssertNothingStoredAsync(id);
    }

    private static async Task<byte[]> QcowAsync(string name)
    {
        using var directory = new TempDirectory();
        await Support.DiskImages.QemuImgAsync(directory.Path, "create", "-f", "qcow2", name, "16M");
        return await File.ReadAllBytesAsync(directory.Combine(name));
    }

    private IEnumerable<string> ScratchOf(long id)
    {
        var builds = Path.Combine(Kiln.DataDirectory, "builds");
        return Directory.Exists(builds) ? Directory.EnumerateFileSystemEntries(builds, $"{id}-*") : [];
    }

    private async Task AssertNothingStoredAsync(long id)
    {
        var stored = new List<string>();
        await foreach (var blob in Kiln.Services.GetRequiredService<IBlobStore>().ListAsync($"images/{id}/", default))
            stored.Add(blob.Key);
        Assert.Empty(stored);
        Assert.False(Directory.Exists(Path.Combine(Kiln.DataDirectory, "blobs", "images", id.ToString(CultureInfo.InvariantCulture))));
    }
}
