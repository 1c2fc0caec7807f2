using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// An image generated through the UForge API, seen through CIMI at each step a worker takes it through (moved on
/// here as the worker would, with <see cref="BuiltImages"/>): queued and generating are CREATING, complete is
/// AVAILABLE with the download URL as imageLocation, error and cancelled are ERROR.
/// </summary>
public sealed class GenerationStateTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public GenerationStateTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task A_queued_generation_is_CREATING_with_its_appliance_format_and_no_imageLocation()
    {
        var (aid, id) = await GenerateAsync("queued");

        var image = await ReadAsync(id);

        Assert.Equal(("CREATING", "IMAGE"), (Value(image, "state"), Value(image, "type")));
        Assert.Null(Value(image, "imageLocation"));
        var properties = Properties(image);
        Assert.Equal("qcow2", properties["format"]);
        Assert.Equal("QCOW2", properties["targetFormat"]);
        Assert.Equal($"http://localhost/api/users/admin/appliances/{aid}", properties["appliance"]);
        Assert.Equal("admin", properties["owner"]);
        Assert.Equal("queued", properties["status"]);
        Assert.Equal("0", properties["progress"]);
        Assert.DoesNotContain("sha256", properties.Keys);
        Assert.DoesNotContain("error", properties.Keys);
        Assert.Equal("queued", Value(image, "name")); // the appliance's name until the image is given its own
    }

    [Fact]
    public async Task A_generation_under_way_is_CREATING_with_its_progress_and_step()
    {
        var (_, id) = await GenerateAsync("generating");
        await BuiltImages.StartAsync(_kiln, id, 40, "bootstrap");

        var image = await ReadAsync(id);

        Assert.Equal("CREATING", Value(image, "state"));
        Assert.Null(Value(image, "imageLocation"));
        Assert.Equal(("40", "bootstrap"), (Properties(image)["progress"], Properties(image)["status"]));
    }

    [Fact]
    public async Task A_complete_image_is_AVAILABLE_and_its_imageLocation_downloads_the_exact_bytes_with_Basic_credentials()
    {
        var (aid, id) = await GenerateAsync("complete");
        var bytes = BuiltImages.RandomBytes();
        await BuiltImages.CompleteAsync(_kiln, id, bytes);

        var image = await ReadAsync(id);

        Assert.Equal("AVAILABLE", Value(image, "state"));
        var location = Value(image, "imageLocation");
        Assert.Equal($"http://localhost/api/users/admin/appliances/{aid}/images/{id}/downloads", location);
        var properties = Properties(image);
        Assert.Equal("qcow2", properties["format"]);
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), properties["fileSize"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), properties["sha256"]);
        Assert.Equal($"http://localhost/api/users/admin/appliances/{aid}", properties["appliance"]);
        Assert.Equal(BuiltImages.FileName, properties["fileName"]);
        Assert.DoesNotContain("progress", properties.Keys); // a final image has no progress
        Assert.DoesNotContain("error", properties.Keys);

        using var download = Client(_kiln, "admin", KilnFactory.AdminPassword);
        using var response = await download.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_imageLocation_of_an_AVAILABLE_image_needs_credentials_and_those_of_its_owner()
    {
        using var owner = await _kiln.UserWithAsync("dora", "appliance_create", "image_generate");
        (await _kiln.UserWithAsync("eve", "appliance_create", "image_generate")).Dispose();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(owner, "dora-app", "dora");
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(owner, aid, login: "dora");
        var bytes = BuiltImages.RandomBytes(8192);
        await BuiltImages.CompleteAsync(_kiln, id, bytes);
        using var mine = Client(_kiln, "dora", PasswordOf("dora"));
        var location = Value((await GetAsync(mine, ImagePath(id))).Expect(HttpStatusCode.OK).Xml, "imageLocation")!;

        using (var anonymous = Client(_kiln))
        using (var response = await anonymous.GetAsync(location))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using (var other = Client(_kiln, "eve", PasswordOf("eve")))
        using (var response = await other.GetAsync(location))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await mine.GetAsync(location))
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_failed_generation_is_ERROR_with_the_error_in_its_properties()
    {
        var (_, id) = await GenerateAsync("failed");
        await BuiltImages.FailAsync(_kiln, id, "bootstrap failed", "mmdebstrap exited with code 1", "E: unable to fetch");

        var image = await ReadAsync(id);

        Assert.Equal("ERROR", Value(image, "state"));
        Assert.Null(Value(image, "imageLocation"));
        var properties = Properties(image);
        Assert.Equal("mmdebstrap exited with code 1", properties["error"]);
        Assert.Equal("bootstrap failed", properties["status"]);
        Assert.DoesNotContain("progress", properties.Keys);
    }

    [Fact]
    public async Task A_generation_cancelled_through_UForge_is_ERROR()
    {
        var (aid, id) = await GenerateAsync("cancelled");
        using var uforge = _kiln.Admin();
        using (var cancel = await uforge.DeleteAsync($"/api/users/admin/appliances/{aid}/images/{id}/status"))
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());

        var image = await ReadAsync(id);

        Assert.Equal("ERROR", Value(image, "state"));
        Assert.Equal("cancelled", Properties(image)["status"]);
    }

    /// <summary>
    /// compress=false asks for an image to publish, not to download (the UForge download answers 409 for it): CIMI shows
    /// it AVAILABLE, without imageLocation, its file described by the properties.
    /// </summary>
    [Fact]
    public async Task A_complete_image_generated_with_compress_false_is_AVAILABLE_without_imageLocation()
    {
        using var uforge = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, "publish-only");
        var id = await ApiOnlyKilnFactory.GenerateIdAsync(uforge, aid,
            ApiOnlyKilnFactory.Qcow2Request.Replace("<compress>true</compress>", "<compress>false</compress>", StringComparison.Ordinal));
        var bytes = BuiltImages.RandomBytes(4096);
        await BuiltImages.CompleteAsync(_kiln, id, bytes);

        var image = await ReadAsync(id);

        Assert.Equal("AVAILABLE", Value(image, "state"));
        Assert.Null(Value(image, "imageLocation"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Properties(image)["sha256"]);
        using var download = await uforge.GetAsync($"/api/users/admin/appliances/{aid}/images/{id}/downloads");
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
    }

    [Fact]
    public async Task The_states_read_the_same_in_JSON()
    {
        var (aid, id) = await GenerateAsync("json-states");
        using var client = Admin(_kiln);
        Assert.Equal("CREATING", (await GetAsync(client, ImagePath(id), Json)).Expect(HttpStatusCode.OK).Json.GetProperty("state").GetString());

        await BuiltImages.CompleteAsync(_kiln, id, BuiltImages.RandomBytes(4096));

        var image = (await GetAsync(client, ImagePath(id), Json)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("AVAILABLE", image.GetProperty("state").GetString());
        Assert.Equal($"http://localhost/api/users/admin/appliances/{aid}/images/{id}/downloads", image.GetProperty("imageLocation").GetString());
        Assert.Equal("qcow2", image.GetProperty("properties").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Every_state_of_a_generation_shows_in_the_collection_too()
    {
        var (_, queued) = await GenerateAsync("coll-queued");
        var (_, complete) = await GenerateAsync("coll-complete");
        var (_, failed) = await GenerateAsync("coll-failed");
        await BuiltImages.CompleteAsync(_kiln, complete, BuiltImages.RandomBytes(4096));
        await BuiltImages.FailAsync(_kiln, failed, "disk failed", "sfdisk failed", null);
        using var client = Admin(_kiln);

        var entries = Entries((await GetAsync(client, "/cimi/machine_images")).Expect(HttpStatusCode.OK).Xml)
            .ToDictionary(e => IdOf(Value(e, "id")!), e => Value(e, "state"));

        Assert.Equal(("CREATING", "AVAILABLE", "ERROR"), (entries[queued], entries[complete], entries[failed]));
    }

    private async Task<(long ApplianceId, long ImageId)> GenerateAsync(string applianceName)
    {
        using var uforge = _kiln.Admin();
        var aid = await ApiOnlyKilnFactory.CreateApplianceAsync(uforge, applianceName);
        return (aid, await ApiOnlyKilnFactory.GenerateIdAsync(uforge, aid));
    }

    private async Task<XElement> ReadAsync(long id)
    {
        using var client = Admin(_kiln);
        return (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).Xml;
    }
}
