using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// The four exchanges of the Deltacloud seed (list, get, create, delete), sent as the seed sends them (HTTP Basic,
/// Accept: application/xml), and answered in the seed's shape; then the same in JSON.
/// </summary>
public sealed class SeedExchangeTests : IClassFixture<ApiOnlyKilnFactory>
{
    /// <summary>The seed's create request body, byte for byte: no namespace, a Machine as imageLocation.</summary>
    private const string SeedCreateBody = """
        <MachineImage>
          <name>some_name</name>
          <description>my new machine_image</description>
          <type>IMAGE</type>
          <imageLocation>http://localhost:3001/cimi/machines/inst1</imageLocation>
        </MachineImage>
        """;

    /// <summary>The elements of a MachineImage in the seed, in its order.</summary>
    private static readonly string[] SeedOrder = ["id", "name", "description", "created", "state", "type", "imageLocation"];

    private readonly ApiOnlyKilnFactory _kiln;

    public SeedExchangeTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task Listing_answers_the_seed_s_Collection_with_an_ETag_id_count_entries_and_the_add_operation()
    {
        var imported = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(4096), "img1");
        using var uforge = _kiln.Admin();
        var generated = await ApiOnlyKilnFactory.GenerateIdAsync(uforge, await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, "seed-list"));
        using var client = Admin(_kiln);

        var list = (await GetAsync(client, "/cimi/machine_images")).Expect(HttpStatusCode.OK);

        Assert.Equal("application/xml", list.ContentType);
        Assert.Equal("1.0.1", list.Header("CIMI-Specification-Version"));
        Assert.False(string.IsNullOrEmpty(list.ETag));
        Assert.Contains($"""<Collection xmlns="{Ns}" resourceURI="{MachineImageCollectionUri}">""", list.Text, StringComparison.Ordinal);
        var root = list.Xml;
        Assert.Equal(Ns + "Collection", root.Name);
        var children = root.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Equal(["id", "count"], children.Take(2));
        Assert.Equal("operation", children[^1]);
        Assert.All(children.Skip(2).SkipLast(1), name => Assert.Equal("MachineImage", name));
        Assert.Equal(MachineImages, Value(root, "id"));
        var entries = Entries(root);
        Assert.Equal(entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Value(root, "count"));
        var add = root.Elements(Ns + "operation").Single();
        Assert.Equal(("add", MachineImages), ((string)add.Attribute("rel")!, (string)add.Attribute("href")!));

        var ids = entries.Select(e => Value(e, "id")).ToList();
        Assert.Contains(ImageHref(imported.Id), ids);
        Assert.Contains(ImageHref(generated), ids);
        foreach (var entry in entries)
        {
            Assert.Null(entry.Attribute("resourceURI")); // as in the seed: only the root carries one
            AssertInSeedOrder(entry);
        }
        var available = entries.Single(e => Value(e, "id") == ImageHref(imported.Id));
        Assert.Equal(SeedOrder, available.Elements().Select(e => e.Name.LocalName).Where(SeedOrder.Contains));
        Assert.Equal(("img1", "imported", "AVAILABLE", "IMAGE"),
            (Value(available, "name"), Value(available, "description"), Value(available, "state"), Value(available, "type")));
        Assert.Equal($"http://localhost/api/users/admin/images/{imported.Id}/downloads", Value(available, "imageLocation"));
    }

    [Fact]
    public async Task Getting_one_answers_the_seed_s_MachineImage_with_its_resourceURI_an_ETag_and_edit_and_delete_operations()
    {
        var imported = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(4096), "img1");
        using var client = Admin(_kiln);

        var image = (await GetAsync(client, ImagePath(imported.Id))).Expect(HttpStatusCode.OK);

        Assert.Equal("application/xml", image.ContentType);
        Assert.False(string.IsNullOrEmpty(image.ETag));
        Assert.Contains($"""<MachineImage xmlns="{Ns}" resourceURI="{MachineImageUri}">""", image.Text, StringComparison.Ordinal);
        var root = image.Xml;
        Assert.Equal(Ns + "MachineImage", root.Name);
        Assert.Equal(SeedOrder, root.Elements().Select(e => e.Name.LocalName).Where(SeedOrder.Contains));
        Assert.Equal(ImageHref(imported.Id), Value(root, "id"));
        Assert.Equal(("img1", "AVAILABLE", "IMAGE"), (Value(root, "name"), Value(root, "state"), Value(root, "type")));
        Assert.True(DateTimeOffset.TryParse(Value(root, "created"), System.Globalization.CultureInfo.InvariantCulture, out _));
        var operations = root.Elements(Ns + "operation").Select(o => ((string)o.Attribute("rel")!, (string)o.Attribute("href")!));
        Assert.Equal([("edit", ImageHref(imported.Id)), ("delete", ImageHref(imported.Id))], operations);
    }

    [Theory]
    [InlineData(SeedCreateBody)]
    [InlineData("<MachineImage><name>n</name><type>IMAGE</type><imageLocation>http://localhost/cimi/machines/inst1</imageLocation></MachineImage>")]
    public async Task Creating_from_a_Machine_that_is_not_one_of_the_callers_answers_400_naming_it_and_creates_nothing(string body)
    {
        var before = await _kiln.Catalog.ListImagesAsync("admin", null, default);
        using var client = Admin(_kiln);

        var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", body)).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("cimi/machines/inst1", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("not one of your machines", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(refused.Headers.Location);
        Assert.Null(refused.Header("CIMI-Job-URI"));
        Assert.Equal(before.Select(i => i.Id), (await _kiln.Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task Creating_from_an_http_URL_answers_202_with_Location_equal_to_the_body_s_id_and_a_CIMI_Job_URI()
    {
        using var client = Admin(_kiln);
        var body = SeedCreateBody.Replace("http://localhost:3001/cimi/machines/inst1", NowhereUrl, StringComparison.Ordinal);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", body)).Expect(HttpStatusCode.Accepted);

        var root = created.Xml;
        Assert.Equal(Ns + "MachineImage", root.Name);
        var id = Value(root, "id")!;
        Assert.StartsWith(MachineImages + "/", id, StringComparison.Ordinal);
        Assert.Equal(id, created.Headers.Location?.OriginalString);
        Assert.Equal(("some_name", "my new machine_image", "CREATING", "IMAGE"),
            (Value(root, "name"), Value(root, "description"), Value(root, "state"), Value(root, "type")));
        Assert.Null(Value(root, "imageLocation")); // the bits are not here yet
        Assert.Equal(NowhereUrl, Properties(root)["source"]);
        var jobUri = created.Header("CIMI-Job-URI");
        Assert.StartsWith(Base + "jobs/", jobUri, StringComparison.Ordinal);

        var again = (await GetAsync(client, PathOf(id))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(id, Value(again, "id"));
        var job = (await GetAsync(client, PathOf(jobUri!))).Expect(HttpStatusCode.OK).Xml;
        Assert.Equal(Ns + "Job", job.Name);
        Assert.Equal(id, (string?)job.Element(Ns + "targetResource")?.Attribute("href"));
        var image = await _kiln.Catalog.GetImageByIdAsync(IdOf(id), default);
        Assert.Equal((ImageState.Queued, NowhereUrl, "some_name"), (image!.Status.State, image.Source, image.Label.Name));
    }

    [Fact]
    public async Task Deleting_answers_exactly_200_and_the_image_is_gone_from_CIMI_from_the_UForge_views_and_from_the_blob_store()
    {
        var imported = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(4096), "doomed");
        var blobs = _kiln.Services.GetRequiredService<IBlobStore>();
        var key = imported.Artefact!.BlobKey;
        var directory = Path.Combine(_kiln.DataDirectory, "blobs", "images", imported.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var uforge = _kiln.Admin();
        using var client = Admin(_kiln);
        Assert.Contains(imported.Id, await UForgeImageIdsAsync(uforge));
        Assert.NotNull(await blobs.GetInfoAsync(key, default));

        var deleted = await DeleteAsync(client, ImagePath(imported.Id));

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Empty(deleted.Body);
        (await GetAsync(client, ImagePath(imported.Id))).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(ImageHref(imported.Id), Entries((await GetAsync(client, "/cimi/machine_images")).Xml).Select(e => Value(e, "id")));
        Assert.DoesNotContain(imported.Id, await UForgeImageIdsAsync(uforge));
        using (var uforgeGet = await uforge.GetAsync($"/api/users/admin/images/{imported.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, uforgeGet.StatusCode);
        Assert.Null(await blobs.GetInfoAsync(key, default));
        Assert.False(Directory.Exists(directory), directory);
        Assert.Null(await _kiln.Catalog.GetImageByIdAsync(imported.Id, default));
    }

    [Fact]
    public async Task Deleting_twice_answers_404_the_second_time()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client);

        (await DeleteAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK);

        (await DeleteAsync(client, ImagePath(id))).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_in_JSON_puts_the_entries_under_machineImages_each_with_its_resourceURI()
    {
        var imported = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(4096), "json-img");
        using var client = Admin(_kiln);

        var list = (await GetAsync(client, "/cimi/machine_images", Json)).Expect(HttpStatusCode.OK);

        Assert.Equal("application/json", list.ContentType);
        Assert.False(string.IsNullOrEmpty(list.ETag));
        var root = list.Json;
        Assert.Equal(MachineImageCollectionUri, root.GetProperty("resourceURI").GetString());
        Assert.Equal(MachineImages, root.GetProperty("id").GetString());
        var entries = root.GetProperty("machineImages").EnumerateArray().ToList();
        Assert.Equal(entries.Count, root.GetProperty("count").GetInt32());
        Assert.All(entries, e => Assert.Equal(MachineImageUri, e.GetProperty("resourceURI").GetString()));
        var entry = entries.Single(e => e.GetProperty("id").GetString() == ImageHref(imported.Id));
        Assert.Equal(("json-img", "AVAILABLE", "IMAGE"),
            (entry.GetProperty("name").GetString(), entry.GetProperty("state").GetString(), entry.GetProperty("type").GetString()));
        Assert.Equal($"http://localhost/api/users/admin/images/{imported.Id}/downloads", entry.GetProperty("imageLocation").GetString());
        Assert.Equal("qcow2", entry.GetProperty("properties").GetProperty("format").GetString());
        var add = Assert.Single(root.GetProperty("operations").EnumerateArray());
        Assert.Equal(("add", MachineImages), (add.GetProperty("rel").GetString(), add.GetProperty("href").GetString()));
    }

    [Fact]
    public async Task Getting_one_in_JSON_answers_a_flat_object_with_resourceURI_and_operations()
    {
        var imported = await BuiltImages.ImportedAsync(_kiln, "admin", BuiltImages.RandomBytes(4096), "json-one");
        using var client = Admin(_kiln);

        var image = (await GetAsync(client, ImagePath(imported.Id), Json)).Expect(HttpStatusCode.OK).Json;

        Assert.Equal(MachineImageUri, image.GetProperty("resourceURI").GetString());
        Assert.Equal(ImageHref(imported.Id), image.GetProperty("id").GetString());
        Assert.Equal("AVAILABLE", image.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Object, image.GetProperty("properties").ValueKind);
        var operations = image.GetProperty("operations").EnumerateArray().Select(o => (o.GetProperty("rel").GetString(), o.GetProperty("href").GetString()));
        Assert.Equal([("edit", ImageHref(imported.Id)), ("delete", ImageHref(imported.Id))], operations);
    }

    [Fact]
    public async Task Creating_in_JSON_answers_202_in_JSON_with_Location_equal_to_the_id()
    {
        using var client = Admin(_kiln);

        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images",
            $$$"""{"name": "from-json", "description": "d", "type": "IMAGE", "imageLocation": "{{{NowhereUrl}}}", "properties": {"tier": "gold"}}""",
            contentType: Json, accept: Json)).Expect(HttpStatusCode.Accepted);

        var root = created.Json;
        Assert.Equal(MachineImageUri, root.GetProperty("resourceURI").GetString());
        Assert.Equal(root.GetProperty("id").GetString(), created.Headers.Location?.OriginalString);
        Assert.Equal(("from-json", "CREATING"), (root.GetProperty("name").GetString(), root.GetProperty("state").GetString()));
        Assert.Equal("gold", root.GetProperty("properties").GetProperty("tier").GetString());
        Assert.StartsWith(Base + "jobs/", created.Header("CIMI-Job-URI"), StringComparison.Ordinal);
    }

    /// <summary>The seed's elements an entry has appear in the seed's order (Kiln adds updated, properties and operations in the schema's places).</summary>
    private static void AssertInSeedOrder(XElement entry)
    {
        var names = entry.Elements().Select(e => e.Name.LocalName).ToList();
        var present = names.Where(SeedOrder.Contains).ToList();
        Assert.Equal(SeedOrder.Where(present.Contains), present);
        Assert.Equal(["id", "created", "state", "type"], SeedOrder.Where(n => n is "id" or "created" or "state" or "type").Where(present.Contains));
    }
}
