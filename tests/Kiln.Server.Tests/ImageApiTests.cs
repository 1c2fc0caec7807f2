using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Support.ApiOnlyKilnFactory;

namespace Kiln.Server.Tests;

/// <summary>
/// The machine image routes in an API-only process: no build runs, so images stay queued unless a test moves them on
/// as a worker would (<see cref="BuiltImages"/>).
/// </summary>
public sealed class ImageApiTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public ImageApiTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    private ICatalogStore Catalog => _kiln.Catalog;

    private IJobQueue Queue => _kiln.Services.GetRequiredService<IJobQueue>();

    private IBlobStore Blobs => _kiln.Services.GetRequiredService<IBlobStore>();

    // ---- generate ----

    [Fact]
    public async Task Generate_answers_201_with_location_and_a_queued_ticket_for_the_target_format_hammr_names()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-web");

        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images", Qcow2Request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.ToString());
        var image = ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("image", image.Name.LocalName);
        var id = DbId(image);
        Assert.Equal($"/api/users/admin/appliances/{aid}/images/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"users/admin/appliances/{aid}/images/{id}", image.Element("uri")!.Value);
        Assert.Equal($"users/admin/appliances/{aid}/images/{id}/status", image.Element("statusUri")!.Value);
        Assert.Equal("gen-web", image.Element("name")!.Value);
        Assert.Equal("QCOW2", image.Element("targetFormat")!.Element("name")!.Value);
        Assert.Equal("true", image.Element("compress")!.Value);
        Assert.Null(image.Element("downloadUri"));
        AssertRunning(image.Element("status")!, percentage: 0);
        var stored = (await Catalog.GetImageAsync("admin", id, default))!;
        Assert.Equal(ImageState.Queued, stored.Status.State);
        Assert.Equal("qcow2", stored.Format);
        var job = await Queue.GetAsync(stored.JobId!.Value, default);
        Assert.Equal(JobState.Queued, job!.State);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), job.Payload);
    }

    [Theory]
    [InlineData("<targetFormat><dbId>7</dbId></targetFormat>", "Microsoft Azure", "vhd")]
    [InlineData("<targetFormat><uri>users/admin/targetformats/8</uri></targetFormat>", "Hyper-V", "vhdx")]
    [InlineData("<targetFormat><name>raw virtual disk</name></targetFormat>", "Raw Virtual Disk", "raw")]
    public async Task Target_format_is_found_by_db_id_uri_or_name(string targetFormat, string expectedName, string builderFormat)
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-target");

        var image = await GenerateAsync(client, aid, $"""<ns0:image xmlns:ns0="{Ns}">{targetFormat}</ns0:image>""");

        Assert.Equal(expectedName, image.Element("targetFormat")!.Element("name")!.Value);
        Assert.Equal(builderFormat, (await Catalog.GetImageAsync("admin", DbId(image), default))!.Format);
    }

    [Fact]
    public async Task Install_profile_overrides_are_recorded_in_the_image_and_leave_the_appliance_as_it_was()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-profile");
        var before = (await Catalog.GetApplianceAsync("admin", aid, default))!.Definition.InstallProfile;

        var image = await GenerateAsync(client, aid,
            $"""<ns0:image xmlns:ns0="{Ns}"><targetFormat><name>QCOW2</name></targetFormat><installProfile><memorySize>2048</memorySize><diskSize>6144</diskSize></installProfile></ns0:image>""");

        Assert.Equal("2048", image.Element("installProfile")!.Element("memorySize")!.Value);
        Assert.Equal("6144", image.Element("installProfile")!.Element("diskSize")!.Value);
        Assert.Equal("2048", image.Element("vmMemorySize")!.Value);
        Assert.Equal("6144", image.Element("vmDiskSize")!.Value);
        var stored = (await Catalog.GetImageAsync("admin", DbId(image), default))!.Definition!.InstallProfile;
        Assert.Equal((2048, 6144), (stored.MemorySize, stored.DiskSize));
        Assert.Equal(before.SwapSize, stored.SwapSize);
        var after = (await Catalog.GetApplianceAsync("admin", aid, default))!.Definition.InstallProfile;
        Assert.Equal((before.MemorySize, before.DiskSize), (after.MemorySize, after.DiskSize));
        Assert.NotEqual(2048, before.MemorySize);
        Assert.NotEqual(6144, before.DiskSize);
    }

    [Fact]
    public async Task Compress_defaults_to_true_and_an_explicit_false_is_recorded()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-compress");

        var byDefault = await GenerateAsync(client, aid, $"""<ns0:image xmlns:ns0="{Ns}"><targetFormat><name>QCOW2</name></targetFormat></ns0:image>""");
        var notCompressed = await GenerateAsync(client, aid,
            $"""<ns0:image xmlns:ns0="{Ns}"><compress>false</compress><targetFormat><name>QCOW2</name></targetFormat></ns0:image>""");

        Assert.Equal("true", byDefault.Element("compress")!.Value);
        Assert.Equal("false", notCompressed.Element("compress")!.Value);
        Assert.True((await Catalog.GetImageAsync("admin", DbId(byDefault), default))!.Compress);
        Assert.False((await Catalog.GetImageAsync("admin", DbId(notCompressed), default))!.Compress);
    }

    [Fact]
    public async Task Generate_with_json_answers_a_root_wrapped_json_ticket()
    {
        using var client = _kiln.Admin("application/json");
        using var xmlClient = _kiln.Admin();
        var aid = await CreateApplianceAsync(xmlClient, "gen-json");

        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images",
            """{"image":{"targetFormat":{"name":"QCOW2"},"installProfile":{"memorySize":1024},"compress":false}}""", "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var image = json.RootElement.GetProperty("image");
        var id = image.GetProperty("dbId").GetInt64();
        Assert.Equal($"/api/users/admin/appliances/{aid}/images/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("QCOW2", image.GetProperty("targetFormat").GetProperty("name").GetString());
        Assert.False(image.GetProperty("compress").GetBoolean());
        Assert.Equal(1024, image.GetProperty("installProfile").GetProperty("memorySize").GetInt32());
        var status = image.GetProperty("status");
        Assert.Equal(0, status.GetProperty("percentage").GetInt32());
        Assert.False(status.GetProperty("complete").GetBoolean());
        Assert.False(status.GetProperty("error").GetBoolean());
        Assert.False(status.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task Appliance_without_an_os_profile_cannot_generate_and_the_400_names_the_os_profile()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-no-os", withOsProfile: false);
        var before = await SnapshotAsync();

        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images", Qcow2Request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "OS profile");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Unknown_target_format_answers_400_naming_it_and_creates_no_image()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-unknown");
        var before = await SnapshotAsync();

        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images",
            $"""<ns0:image xmlns:ns0="{Ns}"><targetFormat><name>Commodore 64</name></targetFormat></ns0:image>""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Commodore 64");
        Assert.Equal(before, await SnapshotAsync());
        using var list = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images", UriKind.Relative));
        var images = ValidUForge.Parse(await list.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("0", images.Element("total")!.Value);
        Assert.Empty(images.Descendants("image"));
    }

    [Theory]
    [InlineData("<ns0:image xmlns:ns0=\"http://www.usharesoft.com/uforge\"><targetFormat><name>QCOW2</name></ns0:image>", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ns0:image xmlns:ns0=\"http://www.usharesoft.com/uforge\"><targetFormat><name>&e;</name></targetFormat></ns0:image>", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"QCOW2\">]><ns0:image xmlns:ns0=\"http://www.usharesoft.com/uforge\"><targetFormat><name>&a;</name></targetFormat></ns0:image>", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("{\"image\": {\"targetFormat\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"appliance\": {\"name\": \"not an image\"}}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("targetFormat=QCOW2", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("QCOW2", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_bodies_get_a_clear_4xx_and_change_nothing(string body, string contentType, HttpStatusCode expected)
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-bad-body");
        var before = await SnapshotAsync();

        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images", body, contentType);

        var error = await AssertErrorAsync(response, expected);
        Assert.DoesNotContain("root:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Body_over_one_mebibyte_answers_413_and_changes_nothing()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "gen-huge");
        var before = await SnapshotAsync();
        var huge = $"""<ns0:image xmlns:ns0="{Ns}"><name>{new string('x', (1024 * 1024) + 1)}</name><targetFormat><name>QCOW2</name></targetFormat></ns0:image>""";

        using var response = await Requests.SendAsync(client, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images", huge);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Another_users_appliance_is_not_found_and_gets_no_image()
    {
        using var admin = _kiln.Admin();
        using var bob = await _kiln.UserWithAsync("bob-gen", Entitlements.ApplianceCreate, Entitlements.ImageGenerate);
        var adminAppliance = await CreateApplianceAsync(admin, "gen-mine");
        var bobAppliance = await CreateApplianceAsync(bob, "gen-bobs", login: "bob-gen");
        var before = await SnapshotAsync();
        var bobBefore = await Catalog.ListImagesAsync("bob-gen", null, default);

        using var bobOnAdminsPath = await Requests.SendAsync(bob, HttpMethod.Post, $"/api/users/admin/appliances/{adminAppliance}/images", Qcow2Request);
        using var bobOnHisPath = await Requests.SendAsync(bob, HttpMethod.Post, $"/api/users/bob-gen/appliances/{adminAppliance}/images", Qcow2Request);
        using var adminWithBobsAppliance = await Requests.SendAsync(admin, HttpMethod.Post, $"/api/users/admin/appliances/{bobAppliance}/images", Qcow2Request);

        await AssertErrorAsync(bobOnAdminsPath, HttpStatusCode.NotFound);
        await AssertErrorAsync(bobOnHisPath, HttpStatusCode.NotFound, adminAppliance.ToString(CultureInfo.InvariantCulture));
        await AssertErrorAsync(adminWithBobsAppliance, HttpStatusCode.NotFound, bobAppliance.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(bobBefore);
        Assert.Empty(await Catalog.ListImagesAsync("bob-gen", null, default));
    }

    [Fact]
    public async Task Caller_without_image_generate_gets_403_on_generate_regenerate_cancel_and_the_user_views()
    {
        using var admin = _kiln.Admin();
        using var drafter = await _kiln.UserWithAsync("drafter", Entitlements.ApplianceCreate);
        var aid = await CreateApplianceAsync(drafter, "gen-drafter", login: "drafter");
        var id = await GenerateIdAsync(admin, aid, login: "drafter");
        var before = await SnapshotAsync("drafter");

        using var generate = await Requests.SendAsync(drafter, HttpMethod.Post, $"/api/users/drafter/appliances/{aid}/images", Qcow2Request);
        using var regenerate = await drafter.PostAsync(new Uri($"/api/users/drafter/appliances/{aid}/images/{id}", UriKind.Relative), null);
        using var cancel = await drafter.DeleteAsync(new Uri($"/api/users/drafter/appliances/{aid}/images/{id}/status", UriKind.Relative));
        using var mine = await drafter.GetAsync(new Uri("/api/users/drafter/images", UriKind.Relative));
        using var read = await drafter.GetAsync(new Uri($"/api/users/drafter/appliances/{aid}/images/{id}", UriKind.Relative));

        foreach (var refused in new[] { generate, regenerate, cancel, mine })
            await AssertErrorAsync(refused, HttpStatusCode.Forbidden, Entitlements.ImageGenerate);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(before, await SnapshotAsync("drafter"));
        Assert.Equal(ImageState.Queued, Assert.Single(await Catalog.ListImagesAsync("drafter", null, default)).Status.State);
    }

    [Fact]
    public async Task Image_routes_need_credentials()
    {
        using var admin = _kiln.Admin();
        var aid = await CreateApplianceAsync(admin, "gen-anonymous");
        var id = await GenerateIdAsync(admin, aid);
        using var anonymous = _kiln.CreateClient();
        var before = await SnapshotAsync();

        using var generate = await Requests.SendAsync(anonymous, HttpMethod.Post, $"/api/users/admin/appliances/{aid}/images", Qcow2Request);
        using var read = await anonymous.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
        using var delete = await anonymous.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));

        foreach (var refused in new[] { generate, read, delete })
            await AssertErrorAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await SnapshotAsync());
    }

    // ---- get and lists ----

    [Fact]
    public async Task Get_answers_200_with_etag_304_when_unchanged_and_a_new_etag_once_the_status_moves()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "get-etag");
        var id = await GenerateIdAsync(client, aid);
        var path = $"/api/users/admin/appliances/{aid}/images/{id}";

        using var read = await client.GetAsync(new Uri(path, UriKind.Relative));
        var image = ValidUForge.Parse(await read.Content.ReadAsStringAsync()).Root!;
        var etag = read.Headers.ETag!;
        using var unchanged = await Requests.ConditionalGetAsync(client, path, etag);
        await BuiltImages.StartAsync(_kiln, id, 40, "bootstrap");
        using var changed = await Requests.ConditionalGetAsync(client, path, etag);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, DbId(image));
        Assert.Equal($"\"{image.Element("digest")!.Value}\"", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        AssertRunning(ValidUForge.Parse(await changed.Content.ReadAsStringAsync()).Root!.Element("status")!, percentage: 40);
    }

    [Fact]
    public async Task Get_all_lists_the_appliances_images_by_id_with_their_total()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "list-all");
        var other = await CreateApplianceAsync(client, "list-other");
        long[] ids = [await GenerateIdAsync(client, aid), await GenerateIdAsync(client, aid, Format("VHD")), await GenerateIdAsync(client, aid, Format("KVM"))];
        await GenerateIdAsync(client, other);

        using var list = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var images = ValidUForge.Parse(await list.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("images", images.Name.LocalName);
        Assert.Equal("3", images.Element("total")!.Value);
        Assert.Equal(ids, Ids(images, "image"));
        Assert.Equal(["QCOW2", "VHD", "KVM"], images.Element("images")!.Elements("image").Select(i => i.Element("targetFormat")!.Element("name")!.Value));
        Assert.All(images.Element("images")!.Elements("image"), i => Assert.Null(i.Element("downloadUri")));
    }

    [Fact]
    public async Task Lists_show_at_once_what_another_process_sharing_the_catalog_changed()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "list-shared");
        var id = await GenerateIdAsync(client, aid);
        async Task<XElement> ListAsync(string route)
        {
            using var response = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images{route}", UriKind.Relative));
            return ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
        }
        await ListAsync("");
        await ListAsync("/statuses");
        // Another process: its own store on the same database file.
        var other = new Storage.Sqlite.SqliteCatalogStore(new Storage.Sqlite.SqliteDatabase(Path.Combine(_kiln.DataDirectory, "kiln.db")));

        await other.UpdateImageStatusAsync(id, new ImageStatus(ImageState.Generating, 40, "bootstrap"), default);
        var afterStatus = await ListAsync("");
        var statusesAfterStatus = await ListAsync("/statuses");
        var appliance = (await other.GetApplianceAsync("admin", aid, default))!;
        var added = await other.CreateImageAsync(new NewImage("admin", aid, "vhd", "vhd", true, appliance.Definition), default);
        var afterCreate = await ListAsync("");

        Assert.Equal("40", afterStatus.Element("images")!.Element("image")!.Element("status")!.Element("percentage")!.Value);
        Assert.Equal("40", statusesAfterStatus.Element("statuses")!.Element("status")!.Element("percentage")!.Value);
        Assert.Equal([id, added.Id], Ids(afterCreate, "image"));
    }

    [Fact]
    public async Task Images_are_found_by_fiql_query_and_a_bad_query_is_a_400()
    {
        using var client = _kiln.Admin();
        var a = await CreateApplianceAsync(client, "fiql-a");
        var b = await CreateApplianceAsync(client, "fiql-b");
        long[] ofA = [await GenerateIdAsync(client, a), await GenerateIdAsync(client, a, Format("VHD"))];
        var ofB = await GenerateIdAsync(client, b);

        using var byName = await client.GetAsync(new Uri("/api/users/admin/images?query=name=='fiql-a'", UriKind.Relative));
        using var byWildcard = await client.GetAsync(new Uri("/api/users/admin/images?query=name=='fiql-*'", UriKind.Relative));
        using var byFormat = await client.GetAsync(new Uri($"/api/users/admin/appliances/{a}/images?query=targetFormat=='VHD'", UriKind.Relative));
        using var bad = await client.GetAsync(new Uri($"/api/users/admin/appliances/{a}/images?query=owner=='admin'", UriKind.Relative));

        var named = ValidUForge.Parse(await byName.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(ofA, Ids(named, "image"));
        Assert.Equal("2", named.Element("total")!.Value);
        Assert.Equal([.. ofA, ofB], Ids(ValidUForge.Parse(await byWildcard.Content.ReadAsStringAsync()).Root!, "image"));
        Assert.Equal([ofA[1]], Ids(ValidUForge.Parse(await byFormat.Content.ReadAsStringAsync()).Root!, "image"));
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "owner");
    }

    [Fact]
    public async Task Lists_are_ordered_and_paged_and_the_total_counts_every_match()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "list-page");
        long[] ids =
        [
            await GenerateIdAsync(client, aid, Format("VHD")), await GenerateIdAsync(client, aid, Format("QCOW2")),
            await GenerateIdAsync(client, aid, Format("KVM")), await GenerateIdAsync(client, aid, Format("Hyper-V")),
        ];
        var path = $"/api/users/admin/appliances/{aid}/images";

        using var page = await client.GetAsync(new Uri(path + "?orderBy=dbId&descending=true&count=2&offset=1", UriKind.Relative));
        using var byFormat = await client.GetAsync(new Uri(path + "?orderBy=targetFormat", UriKind.Relative));
        using var reversed = await client.GetAsync(new Uri(path + "?descending=true", UriKind.Relative));
        using var statuses = await client.GetAsync(new Uri(path + "/statuses?count=1&offset=3", UriKind.Relative));

        var paged = ValidUForge.Parse(await page.Content.ReadAsStringAsync()).Root!;
        Assert.Equal([ids[2], ids[1]], Ids(paged, "image"));
        Assert.Equal("4", paged.Element("total")!.Value);
        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], Ids(ValidUForge.Parse(await byFormat.Content.ReadAsStringAsync()).Root!, "image"));
        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], Ids(ValidUForge.Parse(await reversed.Content.ReadAsStringAsync()).Root!, "image"));
        var statusPage = ValidUForge.Parse(await statuses.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("4", statusPage.Element("total")!.Value);
        Assert.Equal([ids[3]], Ids(statusPage, "status"));
    }

    [Theory]
    [InlineData("orderBy=colour", "colour")]
    [InlineData("orderBy=dbId&descending=perhaps", "perhaps")]
    [InlineData("count=-1", "count")]
    [InlineData("offset=ten", "offset")]
    public async Task Bad_list_parameters_answer_400_naming_them(string parameters, string mentioned)
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "list-bad");
        await GenerateIdAsync(client, aid);

        using var list = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images?{parameters}", UriKind.Relative));
        using var statuses = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/statuses?{parameters}", UriKind.Relative));
        using var mine = await client.GetAsync(new Uri($"/api/users/admin/images?{parameters}", UriKind.Relative));

        foreach (var response in new[] { list, statuses, mine })
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, mentioned);
    }

    [Fact]
    public async Task Status_and_statuses_show_where_each_generation_is()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "status-all");
        var queued = await GenerateIdAsync(client, aid);
        var running = await GenerateIdAsync(client, aid);
        var complete = await GenerateIdAsync(client, aid);
        await BuiltImages.StartAsync(_kiln, running, 40, "bootstrap");
        await BuiltImages.CompleteAsync(_kiln, complete, BuiltImages.RandomBytes(1024));
        var path = $"/api/users/admin/appliances/{aid}/images";

        using var queuedStatus = await client.GetAsync(new Uri($"{path}/{queued}/status", UriKind.Relative));
        using var runningStatus = await client.GetAsync(new Uri($"{path}/{running}/status", UriKind.Relative));
        using var completeStatus = await client.GetAsync(new Uri($"{path}/{complete}/status", UriKind.Relative));
        using var notModified = await Requests.ConditionalGetAsync(client, $"{path}/{complete}/status", completeStatus.Headers.ETag!);
        using var all = await client.GetAsync(new Uri($"{path}/statuses", UriKind.Relative));

        var q = ValidUForge.Parse(await queuedStatus.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("status", q.Name.LocalName);
        Assert.Equal($"{path}/{queued}/status"[5..], q.Element("uri")!.Value);
        AssertRunning(q, percentage: 0);
        var r = ValidUForge.Parse(await runningStatus.Content.ReadAsStringAsync()).Root!;
        AssertRunning(r, percentage: 40);
        Assert.Equal("bootstrap", r.Element("message")!.Value);
        var c = ValidUForge.Parse(await completeStatus.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("true", "false", "false"), (c.Element("complete")!.Value, c.Element("error")!.Value, c.Element("cancelled")!.Value));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        var statuses = ValidUForge.Parse(await all.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("statuses", statuses.Name.LocalName);
        Assert.Equal("3", statuses.Element("total")!.Value);
        Assert.Equal([queued, running, complete], Ids(statuses, "status"));
        Assert.Equal(["false", "false", "true"], statuses.Element("statuses")!.Elements("status").Select(s => s.Element("complete")!.Value));
    }

    [Fact]
    public async Task User_views_list_all_the_users_images_and_their_statuses()
    {
        using var client = _kiln.Admin();
        var a = await CreateApplianceAsync(client, "views-a");
        var b = await CreateApplianceAsync(client, "views-b");
        var ofA = await GenerateIdAsync(client, a);
        var ofB = await GenerateIdAsync(client, b, Format("VHD"));
        var all = (await Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id).ToList();

        using var images = await client.GetAsync(new Uri("/api/users/admin/images", UriKind.Relative));
        using var statuses = await client.GetAsync(new Uri("/api/users/admin/images/status", UriKind.Relative));

        var list = ValidUForge.Parse(await images.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("images", list.Name.LocalName);
        Assert.Equal(all, Ids(list, "image"));
        Assert.Equal(all.Count.ToString(CultureInfo.InvariantCulture), list.Element("total")!.Value);
        Assert.Contains(ofA, all);
        Assert.Contains(ofB, all);
        var listed = list.Element("images")!.Elements("image").Single(i => DbId(i) == ofB);
        Assert.Equal("VHD", listed.Element("targetFormat")!.Element("name")!.Value);
        Assert.Equal($"users/admin/appliances/{b}", listed.Element("parentUri")!.Value);
        var status = ValidUForge.Parse(await statuses.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("statuses", status.Name.LocalName);
        Assert.Equal(all, Ids(status, "status"));
    }

    [Fact]
    public async Task Unknown_image_and_an_image_under_another_appliance_id_are_not_found()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "nf-own");
        var other = await CreateApplianceAsync(client, "nf-other");
        var id = await GenerateIdAsync(client, aid);
        await BuiltImages.CompleteAsync(_kiln, id, BuiltImages.RandomBytes(1024));
        var before = await SnapshotAsync();

        foreach (var path in new[] { $"/api/users/admin/appliances/{aid}/images/987654", $"/api/users/admin/appliances/{other}/images/{id}" })
        {
            using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
            using var status = await client.GetAsync(new Uri(path + "/status", UriKind.Relative));
            using var cancel = await client.DeleteAsync(new Uri(path + "/status", UriKind.Relative));
            using var pkgs = await client.GetAsync(new Uri(path + "/pkgs", UriKind.Relative));
            using var regenerate = await client.PostAsync(new Uri(path, UriKind.Relative), null);
            using var delete = await client.DeleteAsync(new Uri(path, UriKind.Relative));
            foreach (var response in new[] { get, status, cancel, pkgs, regenerate, delete })
                await AssertErrorAsync(response, HttpStatusCode.NotFound);
        }
        using var noAppliance = await client.GetAsync(new Uri("/api/users/admin/appliances/987654/images", UriKind.Relative));
        using var noApplianceStatuses = await client.GetAsync(new Uri("/api/users/admin/appliances/987654/images/statuses", UriKind.Relative));
        await AssertErrorAsync(noAppliance, HttpStatusCode.NotFound, "987654");
        await AssertErrorAsync(noApplianceStatuses, HttpStatusCode.NotFound, "987654");
        Assert.Equal(before, await SnapshotAsync());
        Assert.NotNull(await Blobs.GetInfoAsync(BuiltImages.BlobKey(id), default));
    }

    // ---- cancel ----

    [Fact]
    public async Task Cancelling_a_queued_image_ends_it_and_its_job_and_a_late_worker_update_does_not_undo_it()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "cancel-queued");
        var id = await GenerateIdAsync(client, aid);
        var path = $"/api/users/admin/appliances/{aid}/images/{id}/status";

        using var cancel = await client.DeleteAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var status = ValidUForge.Parse(await cancel.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("status", status.Name.LocalName);
        Assert.Equal(("true", "false", "false"), (status.Element("cancelled")!.Value, status.Element("complete")!.Value, status.Element("error")!.Value));
        var image = (await Catalog.GetImageAsync("admin", id, default))!;
        Assert.Equal(ImageState.Cancelled, image.Status.State);
        Assert.Equal(JobState.Cancelled, (await Queue.GetAsync(image.JobId!.Value, default))!.State);

        var late = await Catalog.UpdateImageStatusAsync(id, new ImageStatus(ImageState.Generating, 60, "converting"), default);
        using var after = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(ImageState.Cancelled, late!.Status.State);
        Assert.Equal("true", ValidUForge.Parse(await after.Content.ReadAsStringAsync()).Root!.Element("cancelled")!.Value);
    }

    [Fact]
    public async Task Cancelling_a_running_image_in_json_answers_the_cancelled_status()
    {
        using var client = _kiln.Admin("application/json");
        using var xml = _kiln.Admin();
        var aid = await CreateApplianceAsync(xml, "cancel-json");
        var id = await GenerateIdAsync(xml, aid);
        await BuiltImages.StartAsync(_kiln, id, 30, "bootstrap");

        using var cancel = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using var json = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync());
        var status = json.RootElement.GetProperty("status");
        Assert.True(status.GetProperty("cancelled").GetBoolean());
        Assert.False(status.GetProperty("complete").GetBoolean());
        Assert.Equal(30, status.GetProperty("percentage").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_finished_image_is_a_409_and_leaves_it_as_it_was()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "cancel-done");
        var complete = await GenerateIdAsync(client, aid);
        var cancelled = await GenerateIdAsync(client, aid);
        await BuiltImages.CompleteAsync(_kiln, complete, BuiltImages.RandomBytes(1024));
        using var first = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{cancelled}/status", UriKind.Relative));
        var before = await SnapshotAsync();

        using var cancelComplete = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{complete}/status", UriKind.Relative));
        using var cancelAgain = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{cancelled}/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertErrorAsync(cancelComplete, HttpStatusCode.Conflict, "complete");
        await AssertErrorAsync(cancelAgain, HttpStatusCode.Conflict, "cancelled");
        Assert.Equal(before, await SnapshotAsync());
    }

    // ---- regenerate ----

    [Fact]
    public async Task Regenerate_makes_a_new_queued_image_from_the_same_request()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "regen");
        var first = await GenerateIdAsync(client, aid,
            $"""<ns0:image xmlns:ns0="{Ns}"><compress>false</compress><targetFormat><name>VHD</name></targetFormat><installProfile><memorySize>1536</memorySize><diskSize>5120</diskSize></installProfile></ns0:image>""");
        await BuiltImages.CompleteAsync(_kiln, first, BuiltImages.RandomBytes(1024));
        using var edit = await Requests.SendAsync(client, HttpMethod.Put, $"/api/users/admin/appliances/{aid}/installProfile",
            $"""<ns0:installProfile xmlns:ns0="{Ns}"><memorySize>4096</memorySize></ns0:installProfile>""");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        using var response = await client.PostAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{first}", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var again = ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
        var id = DbId(again);
        Assert.NotEqual(first, id);
        Assert.Equal($"/api/users/admin/appliances/{aid}/images/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("VHD", again.Element("targetFormat")!.Element("name")!.Value);
        Assert.Equal("false", again.Element("compress")!.Value);
        Assert.Equal("1536", again.Element("installProfile")!.Element("memorySize")!.Value);
        Assert.Equal("5120", again.Element("installProfile")!.Element("diskSize")!.Value);
        AssertRunning(again.Element("status")!, percentage: 0);
        var (old, fresh) = ((await Catalog.GetImageAsync("admin", first, default))!, (await Catalog.GetImageAsync("admin", id, default))!);
        Assert.Equal(ImageState.Complete, old.Status.State);
        var (was, now) = (old.Definition!.InstallProfile, fresh.Definition!.InstallProfile);
        Assert.Equal((1536, 5120), (now.MemorySize, now.DiskSize));
        Assert.Equal((was.MemorySize, was.DiskSize, was.SwapSize, was.Hostname, was.Timezone), (now.MemorySize, now.DiskSize, now.SwapSize, now.Hostname, now.Timezone));
        Assert.Equal((old.TargetFormat, old.Format, old.Compress), (fresh.TargetFormat, fresh.Format, fresh.Compress));
        Assert.NotEqual(old.JobId, fresh.JobId);
        Assert.Equal(JobState.Queued, (await Queue.GetAsync(fresh.JobId!.Value, default))!.State);
    }

    // ---- delete ----

    [Fact]
    public async Task Deleting_an_image_removes_its_file_and_record_and_it_is_not_found_after()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "delete-one");
        var id = await GenerateIdAsync(client, aid);
        var kept = await GenerateIdAsync(client, aid);
        await BuiltImages.CompleteAsync(_kiln, id, BuiltImages.RandomBytes());
        await BuiltImages.CompleteAsync(_kiln, kept, BuiltImages.RandomBytes(1024));
        var path = $"/api/users/admin/appliances/{aid}/images/{id}";

        using var deleted = await client.DeleteAsync(new Uri(path, UriKind.Relative));
        using var read = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var again = await client.DeleteAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await Blobs.GetInfoAsync(BuiltImages.BlobKey(id), default));
        Assert.Null(await Catalog.GetImageByIdAsync(id, default));
        await AssertErrorAsync(read, HttpStatusCode.NotFound);
        await AssertErrorAsync(again, HttpStatusCode.NotFound);
        Assert.NotNull(await Blobs.GetInfoAsync(BuiltImages.BlobKey(kept), default));
        Assert.NotNull(await Catalog.GetImageByIdAsync(kept, default));
    }

    [Fact]
    public async Task Deleting_a_queued_image_cancels_its_job()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "delete-queued");
        var id = await GenerateIdAsync(client, aid);
        var job = (await Catalog.GetImageAsync("admin", id, default))!.JobId!.Value;

        using var deleted = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await Catalog.GetImageByIdAsync(id, default));
        Assert.Equal(JobState.Cancelled, (await Queue.GetAsync(job, default))!.State);
    }

    [Fact]
    public async Task Delete_all_removes_every_image_of_the_appliance_and_their_files_and_no_other()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "delete-all");
        var other = await CreateApplianceAsync(client, "delete-all-other");
        long[] ids = [await GenerateIdAsync(client, aid), await GenerateIdAsync(client, aid), await GenerateIdAsync(client, aid)];
        await BuiltImages.CompleteAsync(_kiln, ids[0], BuiltImages.RandomBytes(1024));
        await BuiltImages.CompleteAsync(_kiln, ids[1], BuiltImages.RandomBytes(1024));
        var survivor = await GenerateIdAsync(client, other);
        await BuiltImages.CompleteAsync(_kiln, survivor, BuiltImages.RandomBytes(1024));

        using var deleted = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images", UriKind.Relative));
        using var list = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("0", ValidUForge.Parse(await list.Content.ReadAsStringAsync()).Root!.Element("total")!.Value);
        foreach (var id in ids)
        {
            Assert.Null(await Catalog.GetImageByIdAsync(id, default));
            Assert.Null(await Blobs.GetInfoAsync(BuiltImages.BlobKey(id), default));
        }
        Assert.NotNull(await Catalog.GetImageByIdAsync(survivor, default));
        Assert.NotNull(await Blobs.GetInfoAsync(BuiltImages.BlobKey(survivor), default));
    }

    [Fact]
    public async Task Deleting_the_appliance_deletes_its_images_and_their_files()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "delete-appliance");
        var complete = await GenerateIdAsync(client, aid);
        var queued = await GenerateIdAsync(client, aid);
        await BuiltImages.CompleteAsync(_kiln, complete, BuiltImages.RandomBytes());
        var job = (await Catalog.GetImageAsync("admin", queued, default))!.JobId!.Value;

        using var deleted = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}", UriKind.Relative));
        using var images = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await Blobs.GetInfoAsync(BuiltImages.BlobKey(complete), default));
        Assert.Empty(await ToListAsync(Blobs.ListAsync($"images/{complete}/", default)));
        Assert.Null(await Catalog.GetImageByIdAsync(complete, default));
        Assert.Null(await Catalog.GetImageByIdAsync(queued, default));
        Assert.Equal(JobState.Cancelled, (await Queue.GetAsync(job, default))!.State);
        await AssertErrorAsync(images, HttpStatusCode.NotFound);
    }

    // ---- packages ----

    [Fact]
    public async Task Packages_of_a_complete_image_are_those_the_build_found()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "pkgs");
        var id = await GenerateIdAsync(client, aid);
        await BuiltImages.CompleteAsync(_kiln, id, BuiltImages.RandomBytes(1024));

        using var response = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/pkgs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pkgs = ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("imagePkgs", pkgs.Name.LocalName);
        Assert.Equal("2", pkgs.Element("total")!.Value);
        var listed = pkgs.Element("imagePkgs")!.Elements("imagePkg").Select(p => p.Element("pkg")!).ToList();
        Assert.Equal(BuiltImages.Packages.Select(p => p.Name), listed.Select(p => p.Element("name")!.Value));
        Assert.Equal(BuiltImages.Packages.Select(p => p.Version), listed.Select(p => p.Element("version")!.Value));
        Assert.Equal(["amd64", "amd64"], listed.Select(p => p.Element("arch")!.Value));
    }

    [Fact]
    public async Task Packages_of_an_unfinished_image_are_a_409()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "pkgs-early");
        var queued = await GenerateIdAsync(client, aid);
        var running = await GenerateIdAsync(client, aid);
        await BuiltImages.StartAsync(_kiln, running);

        using var ofQueued = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{queued}/pkgs", UriKind.Relative));
        using var ofRunning = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{running}/pkgs", UriKind.Relative));

        await AssertErrorAsync(ofQueued, HttpStatusCode.Conflict, "not complete");
        await AssertErrorAsync(ofRunning, HttpStatusCode.Conflict, "not complete");
    }

    // ---- error status ----

    [Fact]
    public async Task Error_status_carries_what_a_client_prints()
    {
        using var client = _kiln.Admin();
        using var json = _kiln.Admin("application/json");
        var aid = await CreateApplianceAsync(client, "failed");
        var id = await GenerateIdAsync(client, aid);
        await BuiltImages.FailAsync(_kiln, id, "convert failed", "qemu-img convert exited with code 1",
            "qemu-img: error while writing at byte 4096: No space left on device");
        var path = $"/api/users/admin/appliances/{aid}/images/{id}";

        using var status = await client.GetAsync(new Uri(path + "/status", UriKind.Relative));
        using var image = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var jsonStatus = await json.GetAsync(new Uri(path + "/status", UriKind.Relative));

        foreach (var s in new[]
        {
            ValidUForge.Parse(await status.Content.ReadAsStringAsync()).Root!,
            ValidUForge.Parse(await image.Content.ReadAsStringAsync()).Root!.Element("status")!,
        })
        {
            Assert.Equal(("true", "false", "false"), (s.Element("error")!.Value, s.Element("complete")!.Value, s.Element("cancelled")!.Value));
            Assert.Equal("convert failed", s.Element("message")!.Value);
            Assert.Equal("qemu-img convert exited with code 1", s.Element("errorMessage")!.Value);
            Assert.Equal("true", s.Element("detailedError")!.Value);
            Assert.Equal("qemu-img: error while writing at byte 4096: No space left on device", s.Element("detailedErrorMsg")!.Value);
        }
        using var document = JsonDocument.Parse(await jsonStatus.Content.ReadAsStringAsync());
        var js = document.RootElement.GetProperty("status");
        Assert.True(js.GetProperty("error").GetBoolean());
        Assert.True(js.GetProperty("detailedError").GetBoolean());
        Assert.Equal("qemu-img convert exited with code 1", js.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Error_without_details_says_there_are_none()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "failed-plain");
        var id = await GenerateIdAsync(client, aid);
        await BuiltImages.FailAsync(_kiln, id, "the build failed", "out of memory", null);

        using var status = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/status", UriKind.Relative));

        var s = ValidUForge.Parse(await status.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("true", s.Element("error")!.Value);
        Assert.Equal("false", s.Element("detailedError")!.Value);
        Assert.Null(s.Element("detailedErrorMsg"));
    }

    // ---- json ----

    [Fact]
    public async Task Json_answers_are_root_wrapped_for_get_lists_statuses_and_errors()
    {
        using var client = _kiln.Admin("application/json");
        using var xml = _kiln.Admin();
        var aid = await CreateApplianceAsync(xml, "json-read");
        var id = await GenerateIdAsync(xml, aid);
        var path = $"/api/users/admin/appliances/{aid}/images";

        using var get = await client.GetAsync(new Uri($"{path}/{id}", UriKind.Relative));
        using var list = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var statuses = await client.GetAsync(new Uri($"{path}/statuses", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri($"{path}/987654", UriKind.Relative));

        foreach (var response in new[] { get, list, statuses, missing })
            Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        using (var image = JsonDocument.Parse(await get.Content.ReadAsStringAsync()))
        {
            Assert.Equal(id, image.RootElement.GetProperty("image").GetProperty("dbId").GetInt64());
            Assert.Equal(0, image.RootElement.GetProperty("image").GetProperty("status").GetProperty("percentage").GetInt32());
        }
        var listText = await list.Content.ReadAsStringAsync();
        using (var images = JsonDocument.Parse(listText))
        {
            Assert.True(images.RootElement.TryGetProperty("images", out var wrapped) && wrapped.TryGetProperty("image", out _), listText);
            Assert.Equal(1, wrapped.GetProperty("total").GetInt32());
            Assert.Equal(id, Assert.Single(wrapped.GetProperty("image").EnumerateArray()).GetProperty("dbId").GetInt64());
        }
        using (var all = JsonDocument.Parse(await statuses.Content.ReadAsStringAsync()))
            Assert.False(Assert.Single(all.RootElement.GetProperty("statuses").GetProperty("status").EnumerateArray())
                .GetProperty("complete").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var error = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal(404, error.RootElement.GetProperty("uforgeError").GetProperty("statusCode").GetInt32());
    }

    // ---- helpers ----

    private static string Format(string name) =>
        $"""<ns0:image xmlns:ns0="{Ns}"><targetFormat><name>{name}</name></targetFormat></ns0:image>""";

    /// <summary>Every image of the owner with its state and revision: equal before and after means the catalog did not change.</summary>
    private async Task<string> SnapshotAsync(string owner = "admin") =>
        string.Join(";", (await Catalog.ListImagesAsync(owner, null, default)).Select(i => $"{i.Id}:{i.Status.State}:{i.Stamp.Revision}"));

    private static List<long> Ids(XElement list, string item) =>
        [.. list.Descendants(item).Where(e => e.Parent!.Parent == list).Select(DbId)];

    private static void AssertRunning(XElement status, int percentage)
    {
        Assert.Equal(percentage.ToString(CultureInfo.InvariantCulture), status.Element("percentage")!.Value);
        Assert.Equal("false", status.Element("complete")!.Value);
        Assert.Equal("false", status.Element("error")!.Value);
        Assert.Equal("false", status.Element("cancelled")!.Value);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        List<T> list = [];
        await foreach (var item in items)
            list.Add(item);
        return list;
    }
}
