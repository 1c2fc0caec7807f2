using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// The jobs that make images, as CIMI Jobs, with no worker running (API-only): a job waits RUNNING until its image
/// ends; DELETE cancels a running one; an ended one cannot be cancelled (409).
/// </summary>
public sealed class JobTests : IClassFixture<ApiOnlyKilnFactory>
{
    private const string AddAction = "http://schemas.dmtf.org/cimi/1/action/add";
    private readonly ApiOnlyKilnFactory _kiln;

    public JobTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task After_an_import_is_created_the_jobs_collection_lists_its_job_RUNNING_on_its_image()
    {
        using var client = Admin(_kiln);
        var created = await CreateAsync(client, name: "job-listed");
        var image = Value(created.Xml, "id")!;
        var href = created.Header("CIMI-Job-URI")!;

        var jobs = (await GetAsync(client, "/cimi/jobs")).Expect(HttpStatusCode.OK);

        var root = jobs.Xml;
        Assert.Equal(Ns + "Collection", root.Name);
        Assert.Equal("http://schemas.dmtf.org/cimi/1/JobCollection", (string?)root.Attribute("resourceURI"));
        Assert.Equal(Base + "jobs", Value(root, "id"));
        Assert.Equal(root.Elements(Ns + "Job").Count().ToString(CultureInfo.InvariantCulture), Value(root, "count"));
        var job = root.Elements(Ns + "Job").Single(j => Value(j, "id") == href);
        Assert.Equal("RUNNING", Value(job, "state"));
        Assert.Equal(image, Href(job, "targetResource"));
        Assert.Equal([image], job.Elements(Ns + "affectedResource").Select(a => (string)a.Attribute("href")!));
        Assert.Equal(AddAction, Value(job, "action"));
        Assert.Equal("0", Value(job, "progress"));
        Assert.Equal("true", Value(job, "isCancellable"));
        Assert.Null(Value(job, "returnCode"));
        Assert.Equal($"import of image {IdOf(image)}", Value(job, "name"));
        Assert.Equal(("delete", href), Operation(job));
    }

    [Fact]
    public async Task A_job_reads_alone_as_a_Job_document_in_XML_and_JSON()
    {
        using var client = Admin(_kiln);
        var created = await CreateAsync(client, name: "job-alone");
        var href = created.Header("CIMI-Job-URI")!;

        var xml = (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.OK);
        var json = (await GetAsync(client, PathOf(href), Json)).Expect(HttpStatusCode.OK).Json;

        Assert.Contains($"""<Job xmlns="{Ns}" resourceURI="http://schemas.dmtf.org/cimi/1/Job">""", xml.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(xml.ETag));
        Assert.Equal(href, Value(xml.Xml, "id"));
        Assert.True(DateTimeOffset.TryParse(Value(xml.Xml, "timeOfStatusChange"), CultureInfo.InvariantCulture, out _));
        Assert.Equal("http://schemas.dmtf.org/cimi/1/Job", json.GetProperty("resourceURI").GetString());
        Assert.Equal(href, json.GetProperty("id").GetString());
        Assert.Equal("RUNNING", json.GetProperty("state").GetString());
        Assert.Equal(Value(created.Xml, "id"), json.GetProperty("targetResource").GetProperty("href").GetString());
        Assert.True(json.GetProperty("isCancellable").GetBoolean());
    }

    [Fact]
    public async Task A_generation_s_job_is_listed_too_and_follows_its_image()
    {
        using var uforge = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, "job-generation");
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(uforge, aid);
        using var client = Admin(_kiln);
        var href = await JobHrefAsync(id);

        var job = (await GetAsync(client, "/cimi/jobs")).Expect(HttpStatusCode.OK).Xml.Elements(Ns + "Job").Single(j => Value(j, "id") == href);

        Assert.Equal("RUNNING", Value(job, "state"));
        Assert.Equal($"build of image {id}", Value(job, "name"));
        Assert.Equal(ImageHref(id), Href(job, "targetResource"));
        await BuiltImages.StartAsync(_kiln, id, 55, "customize");
        var running = (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("RUNNING", "55", "customize"), (Value(running, "state"), Value(running, "progress"), Value(running, "statusMessage")));

        await BuiltImages.CompleteAsync(_kiln, id, BuiltImages.RandomBytes(4096));

        var done = (await GetAsync(client, PathOf(await JobHrefAsync(id)))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("SUCCESS", "100", "0", "false"), (Value(done, "state"), Value(done, "progress"), Value(done, "returnCode"), Value(done, "isCancellable")));
        Assert.Empty(done.Elements(Ns + "operation"));
    }

    [Fact]
    public async Task A_failed_image_s_job_is_FAILED_with_the_error_in_its_status_message()
    {
        using var uforge = _kiln.Admin();
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(uforge, await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, "job-failed"));
        await BuiltImages.FailAsync(_kiln, id, "disk failed", "sfdisk exited with code 1", "sfdisk: bad partition");
        using var client = Admin(_kiln);

        var job = (await GetAsync(client, PathOf(await JobHrefAsync(id)))).Expect(HttpStatusCode.OK).Xml;

        Assert.Equal(("FAILED", "1", "false"), (Value(job, "state"), Value(job, "returnCode"), Value(job, "isCancellable")));
        Assert.Equal("disk failed: sfdisk exited with code 1", Value(job, "statusMessage"));
    }

    [Fact]
    public async Task Deleting_a_running_job_cancels_it_its_image_ends_in_ERROR_and_stays_with_nothing_stored()
    {
        using var client = Admin(_kiln);
        var created = await CreateAsync(client, name: "job-cancelled");
        var image = IdOf(Value(created.Xml, "id")!);
        var href = created.Header("CIMI-Job-URI")!;

        var cancelled = await DeleteAsync(client, PathOf(href));

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Empty(cancelled.Body);
        var job = (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(("CANCELLED", "false", "1"), (Value(job, "state"), Value(job, "isCancellable"), Value(job, "returnCode")));
        Assert.Empty(job.Elements(Ns + "operation"));
        var after = (await GetAsync(client, ImagePath(image))).Expect(HttpStatusCode.OK).Xml; // the image stays, ended
        Assert.Equal("ERROR", Value(after, "state"));
        Assert.Equal("cancelled", Properties(after)["status"]);
        Assert.Equal(ImageState.Cancelled, (await _kiln.Catalog.GetImageByIdAsync(image, default))!.Status.State);
        var queued = await _kiln.Services.GetRequiredService<IJobQueue>().GetAsync(Guid.Parse(href[(href.LastIndexOf('/') + 1)..]), default);
        Assert.Equal(Kiln.Jobs.JobState.Cancelled, queued!.State);
        await AssertNothingStoredAsync(image);
        Assert.Contains("CANCELLED", (await GetAsync(client, "/cimi/jobs?$filter=" + Uri.EscapeDataString("state='CANCELLED'"))).Xml
            .Elements(Ns + "Job").Where(j => Value(j, "id") == href).Select(j => Value(j, "state")));

        var again = (await DeleteAsync(client, PathOf(href))).Expect(HttpStatusCode.Conflict);
        Assert.Contains("ended", again.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_finished_job_answers_409_and_changes_nothing()
    {
        using var uforge = _kiln.Admin();
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(uforge, await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, "job-finished"));
        var bytes = BuiltImages.RandomBytes(4096);
        await BuiltImages.CompleteAsync(_kiln, id, bytes);
        using var client = Admin(_kiln);
        var href = await JobHrefAsync(id);

        var refused = (await DeleteAsync(client, PathOf(href))).Expect(HttpStatusCode.Conflict);

        Assert.Contains("nothing to cancel", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("SUCCESS", Value((await GetAsync(client, PathOf(href))).Xml, "state"));
        var image = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal("AVAILABLE", Value(image, "state"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Properties(image)["sha256"]);
    }

    [Fact]
    public async Task The_job_of_a_deleted_image_is_gone()
    {
        using var client = Admin(_kiln);
        var created = await CreateAsync(client, name: "job-orphaned");
        var href = created.Header("CIMI-Job-URI")!;

        (await DeleteAsync(client, PathOf(Value(created.Xml, "id")!))).Expect(HttpStatusCode.OK);

        (await GetAsync(client, PathOf(href))).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(href, (await GetAsync(client, "/cimi/jobs")).Xml.Elements(Ns + "Job").Select(j => Value(j, "id")));
    }

    [Theory]
    [InlineData("/cimi/jobs/6f1c1f6e-0000-4000-8000-0000000000ff")]
    [InlineData("/cimi/jobs/not-a-guid")]
    public async Task An_unknown_job_answers_404(string path)
    {
        using var client = Admin(_kiln);

        (await GetAsync(client, path)).Expect(HttpStatusCode.NotFound);
        (await DeleteAsync(client, path)).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Jobs_take_filter_select_and_orderby()
    {
        using var client = Admin(_kiln);
        var href = (await CreateAsync(client, name: "job-queried")).Header("CIMI-Job-URI")!;

        var running = (await GetAsync(client, "/cimi/jobs?$filter=" + Uri.EscapeDataString("state='RUNNING' and isCancellable=true")
            + "&$select=state,targetResource&$orderby=created:desc")).Expect(HttpStatusCode.OK).Xml;

        var jobs = running.Elements(Ns + "Job").ToList();
        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.Equal(["state", "targetResource"], j.Elements().Select(e => e.Name.LocalName).ToArray()));
        (await GetAsync(client, "/cimi/jobs?$orderby=colour")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(href, (await GetAsync(client, "/cimi/jobs?$filter=" + Uri.EscapeDataString($"id='{href}'"))).Xml
            .Elements(Ns + "Job").Select(j => Value(j, "id")));
    }

    private async Task<string> JobHrefAsync(long imageId)
    {
        var image = await _kiln.Catalog.GetImageByIdAsync(imageId, default);
        return Base + "jobs/" + image!.JobId!.Value.ToString("D");
    }

    private async Task AssertNothingStoredAsync(long imageId)
    {
        var blobs = _kiln.Services.GetRequiredService<IBlobStore>();
        var stored = new List<string>();
        await foreach (var blob in blobs.ListAsync($"images/{imageId}/", default))
            stored.Add(blob.Key);
        Assert.Empty(stored);
        Assert.False(Directory.Exists(Path.Combine(_kiln.DataDirectory, "blobs", "images", imageId.ToString(CultureInfo.InvariantCulture))));
    }

    private static string? Href(XElement element, string name) => (string?)element.Element(Ns + name)?.Attribute("href");

    private static (string?, string?) Operation(XElement element) =>
        element.Elements(Ns + "operation").Select(o => ((string?)o.Attribute("rel"), (string?)o.Attribute("href"))).Single();
}
