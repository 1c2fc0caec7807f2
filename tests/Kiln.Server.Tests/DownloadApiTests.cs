using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Kiln.Catalog;
using Kiln.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Kiln.Server.Tests.Support.ApiOnlyKilnFactory;

namespace Kiln.Server.Tests;

/// <summary>
/// Downloads of image files: with the single-use downloadId of the image's downloadUri (no credentials), or as the
/// owner. The files are what <see cref="BuiltImages"/> leaves, as a finished build would. Expiry of download ids is
/// not tested here (the clock cannot be moved in this process): the catalog contract tests cover it.
/// </summary>
public sealed class DownloadApiTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public DownloadApiTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task Get_of_a_complete_compressed_image_carries_a_download_uri_with_a_download_id()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-uri");

        using var response = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
        using var list = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images", UriKind.Relative));

        var image = ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
        var uri = image.Element("downloadUri")!.Value;
        var prefix = $"users/admin/appliances/{aid}/images/{id}/downloads?downloadId=";
        Assert.StartsWith(prefix, uri, StringComparison.Ordinal);
        Assert.True(uri.Length > prefix.Length + 16, uri);
        Assert.Equal(BuiltImages.FileName, image.Element("fileName")!.Value);
        Assert.Equal("qcow2", image.Element("fileExtension")!.Value);
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), image.Element("fileSize")!.Value);
        Assert.Equal(Sha256(bytes), image.Element("sha256sum")!.Value);
        Assert.Equal("true", image.Element("status")!.Element("complete")!.Value);
        var listed = ValidUForge.Parse(await list.Content.ReadAsStringAsync()).Root!.Descendants("image").Single();
        Assert.Null(listed.Element("downloadUri"));
    }

    [Fact]
    public async Task Download_uri_serves_the_exact_file_without_credentials_once()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-once");
        var uri = await DownloadUriAsync(client, aid, id);
        using var anonymous = _kiln.CreateClient();

        using var first = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));
        using var second = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(bytes, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, first.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(BuiltImages.FileName, first.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition.DispositionType);
        Assert.Equal($"\"{Sha256(bytes)}\"", first.Headers.ETag!.Tag);
        Assert.False(first.Headers.ETag.IsWeak);
        await AssertErrorAsync(second, HttpStatusCode.Forbidden, "download id");
    }

    [Fact]
    public async Task Head_with_a_download_id_does_not_use_it_up()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-head");
        var uri = await DownloadUriAsync(client, aid, id);
        using var anonymous = _kiln.CreateClient();

        using var head = await HeadAsync(anonymous, "/api/" + uri);
        using var headAgain = await HeadAsync(anonymous, "/api/" + uri);
        using var get = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));
        using var headAfter = await HeadAsync(anonymous, "/api/" + uri);
        using var getAgain = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{Sha256(bytes)}\"", head.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, headAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, headAfter.StatusCode);
        await AssertErrorAsync(getAgain, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Range_request_answers_206_with_exactly_those_bytes()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-range");
        using var anonymous = _kiln.CreateClient();

        using var middle = await GetRangeAsync(anonymous, "/api/" + await DownloadUriAsync(client, aid, id), new RangeHeaderValue(100, 199));
        using var suffix = await GetRangeAsync(anonymous, "/api/" + await DownloadUriAsync(client, aid, id), new RangeHeaderValue(null, 50));
        using var asOwner = await GetRangeAsync(client, $"/api/users/admin/appliances/{aid}/images/{id}/downloads", new RangeHeaderValue(1000, 1009));

        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal(bytes[100..200], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal(100, middle.Content.Headers.ContentLength);
        Assert.Equal($"bytes 100-199/{bytes.Length}", middle.Content.Headers.ContentRange!.ToString());
        Assert.Equal($"\"{Sha256(bytes)}\"", middle.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal(bytes[^50..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, asOwner.StatusCode);
        Assert.Equal(bytes[1000..1010], await asOwner.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Each_get_of_the_image_hands_out_a_different_download_id_each_good_once()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-fresh");
        using var anonymous = _kiln.CreateClient();

        string[] uris = [await DownloadUriAsync(client, aid, id), await DownloadUriAsync(client, aid, id), await DownloadUriAsync(client, aid, id)];

        Assert.Equal(3, uris.Distinct(StringComparer.Ordinal).Count());
        foreach (var uri in uris.Reverse())
        {
            using var download = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Download_by_file_name_works_with_the_right_name_and_a_wrong_name_is_404_without_using_the_id()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-name");
        using var anonymous = _kiln.CreateClient();
        var downloadId = DownloadId(await DownloadUriAsync(client, aid, id));
        var files = $"/api/users/admin/appliances/{aid}/images/{id}/downloads";

        using var wrong = await anonymous.GetAsync(new Uri($"{files}/web-2.0.qcow2?downloadId={downloadId}", UriKind.Relative));
        using var right = await anonymous.GetAsync(new Uri($"{files}/{BuiltImages.FileName}?downloadId={downloadId}", UriKind.Relative));
        using var asOwner = await client.GetAsync(new Uri($"{files}/{BuiltImages.FileName}", UriKind.Relative));
        using var wrongAsOwner = await client.GetAsync(new Uri($"{files}/image.qcow2", UriKind.Relative));

        await AssertErrorAsync(wrong, HttpStatusCode.NotFound, "web-2.0.qcow2");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(bytes, await right.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
        Assert.Equal(bytes, await asOwner.Content.ReadAsByteArrayAsync());
        await AssertErrorAsync(wrongAsOwner, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("..%2Fkiln.db")]
    [InlineData("..%2F..%2F..%2Fkiln.db")]
    [InlineData("..%5C..%5Ckiln.db")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("web-1.0.qcow2%00")]
    [InlineData("%00")]
    [InlineData("..%00%2Fkiln.db")]
    public async Task Path_traversal_in_the_file_name_is_refused_and_serves_no_other_file(string fileName)
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-traversal");
        using var anonymous = _kiln.CreateClient();
        var downloads = $"/api/users/admin/appliances/{aid}/images/{id}/downloads";
        List<(int Status, byte[] Body)> answers = [];

        // As sent on the wire. The test host, like Kestrel, refuses an encoded NUL in the path before the app sees it.
        if (!fileName.Contains("%00", StringComparison.Ordinal))
        {
            using var asOwner = await client.GetAsync(new Uri($"{downloads}/{fileName}", UriKind.Relative));
            using var withId = await anonymous.GetAsync(
                new Uri($"{downloads}/{fileName}?downloadId={DownloadId(await DownloadUriAsync(client, aid, id))}", UriKind.Relative));
            foreach (var response in new[] { asOwner, withId })
                answers.Add(((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync()));
        }
        // As the app would see it if a front end decoded everything ('/', '\' and NUL included).
        var decoded = $"{downloads}/{Uri.UnescapeDataString(fileName)}";
        answers.Add(await SendDecodedAsync(decoded, null, asOwner: true));
        answers.Add(await SendDecodedAsync(decoded, $"?downloadId={DownloadId(await DownloadUriAsync(client, aid, id))}", asOwner: false));

        foreach (var (status, body) in answers)
        {
            var text = Encoding.UTF8.GetString(body);
            Assert.True(status is >= 400 and < 500, $"{status}: {text}");
            Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite format", text, StringComparison.Ordinal);
            Assert.NotEqual(bytes, body);
            Assert.Equal("uforgeError", ValidUForge.Parse(text).Root!.Name.LocalName);
        }
    }

    [Fact]
    public async Task Uncompressed_image_has_no_download_uri_and_a_download_says_it_is_for_publishing_only()
    {
        using var client = _kiln.Admin();
        var (aid, id, _) = await CompleteImageAsync(client, "dl-publish-only", compress: false);

        using var get = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
        using var download = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
        using var byName = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads/{BuiltImages.FileName}", UriKind.Relative));

        var image = ValidUForge.Parse(await get.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("false", image.Element("compress")!.Value);
        Assert.Equal("true", image.Element("status")!.Element("complete")!.Value);
        Assert.Null(image.Element("downloadUri"));
        await AssertErrorAsync(download, HttpStatusCode.Conflict, "publishing only");
        await AssertErrorAsync(byName, HttpStatusCode.Conflict, "publishing only");
    }

    [Fact]
    public async Task Unfinished_or_failed_image_cannot_be_downloaded()
    {
        using var client = _kiln.Admin();
        var aid = await CreateApplianceAsync(client, "dl-unfinished");
        var queued = await GenerateIdAsync(client, aid);
        var running = await GenerateIdAsync(client, aid);
        var failed = await GenerateIdAsync(client, aid);
        await BuiltImages.StartAsync(_kiln, running);
        await BuiltImages.FailAsync(_kiln, failed, "convert failed", "qemu-img failed", null);

        foreach (var id in new[] { queued, running, failed })
        {
            using var get = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
            using var download = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
            Assert.Null(ValidUForge.Parse(await get.Content.ReadAsStringAsync()).Root!.Element("downloadUri"));
            await AssertErrorAsync(download, HttpStatusCode.Conflict, "not complete");
        }
    }

    [Fact]
    public async Task Without_download_id_or_credentials_a_download_is_401()
    {
        using var client = _kiln.Admin();
        var (aid, id, _) = await CompleteImageAsync(client, "dl-anonymous");
        using var anonymous = _kiln.CreateClient();

        using var download = await anonymous.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
        using var byName = await anonymous.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads/{BuiltImages.FileName}", UriKind.Relative));
        using var impostor = _kiln.ClientAs("admin", "not-the-password");
        using var badPassword = await impostor.GetAsync(
            new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));

        foreach (var response in new[] { download, byName, badPassword })
        {
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task Owner_with_credentials_downloads_without_a_download_id_as_often_as_needed()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-owner");

        for (var i = 0; i < 2; i++)
        {
            using var download = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal($"\"{Sha256(bytes)}\"", download.Headers.ETag!.Tag);
        }
    }

    [Fact]
    public async Task Another_users_credentials_find_no_image()
    {
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-other-user");
        using var eve = await _kiln.UserWithAsync("eve", Entitlements.ApplianceCreate, Entitlements.ImageGenerate);

        using var adminsPath = await eve.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
        using var evesPath = await eve.GetAsync(new Uri($"/api/users/eve/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
        using var byName = await eve.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}/downloads/{BuiltImages.FileName}", UriKind.Relative));

        foreach (var response in new[] { adminsPath, evesPath, byName })
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEqual(bytes, body);
            await AssertErrorAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Unknown_download_id_or_one_of_another_image_is_refused()
    {
        using var client = _kiln.Admin();
        var (aid, id, _) = await CompleteImageAsync(client, "dl-wrong-id");
        var (otherAid, otherId, _) = await CompleteImageAsync(client, "dl-wrong-id-other");
        var othersId = DownloadId(await DownloadUriAsync(client, otherAid, otherId));
        var ownId = DownloadId(await DownloadUriAsync(client, aid, id));
        using var anonymous = _kiln.CreateClient();
        var downloads = $"/api/users/admin/appliances/{aid}/images/{id}/downloads";

        using var unknown = await anonymous.GetAsync(new Uri($"{downloads}?downloadId=not-a-ticket", UriKind.Relative));
        using var empty = await anonymous.GetAsync(new Uri($"{downloads}?downloadId=", UriKind.Relative));
        using var ofAnother = await anonymous.GetAsync(new Uri($"{downloads}?downloadId={othersId}", UriKind.Relative));
        using var wrongAppliance = await anonymous.GetAsync(new Uri($"/api/users/admin/appliances/{otherAid}/images/{id}/downloads?downloadId={ownId}", UriKind.Relative));
        using var wrongUser = await anonymous.GetAsync(new Uri($"/api/users/eve/appliances/{aid}/images/{id}/downloads?downloadId={ownId}", UriKind.Relative));
        using var own = await anonymous.GetAsync(new Uri($"{downloads}?downloadId={ownId}", UriKind.Relative));

        await AssertErrorAsync(unknown, HttpStatusCode.Forbidden, "download id");
        Assert.True(empty.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, empty.StatusCode.ToString());
        await AssertErrorAsync(empty, empty.StatusCode);
        await AssertErrorAsync(ofAnother, HttpStatusCode.Forbidden, "download id");
        await AssertErrorAsync(wrongAppliance, HttpStatusCode.NotFound);
        await AssertErrorAsync(wrongUser, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Deleted_image_cannot_be_downloaded_with_an_earlier_download_id()
    {
        using var client = _kiln.Admin();
        var (aid, id, _) = await CompleteImageAsync(client, "dl-deleted");
        var uri = await DownloadUriAsync(client, aid, id);
        using var anonymous = _kiln.CreateClient();

        using var deleted = await client.DeleteAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
        using var download = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(download, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Json_client_gets_a_download_uri_and_json_errors()
    {
        using var json = _kiln.Admin("application/json");
        using var client = _kiln.Admin();
        var (aid, id, bytes) = await CompleteImageAsync(client, "dl-json");
        using var anonymous = _kiln.CreateClient();
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var get = await json.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
        using var document = System.Text.Json.JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var uri = document.RootElement.GetProperty("image").GetProperty("downloadUri").GetString()!;
        using var first = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));
        using var second = await anonymous.GetAsync(new Uri("/api/" + uri, UriKind.Relative));

        Assert.Equal(bytes, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("application/json", second.Content.Headers.ContentType!.ToString());
        using var error = System.Text.Json.JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(403, error.RootElement.GetProperty("uforgeError").GetProperty("statusCode").GetInt32());
    }

    // ---- helpers ----

    /// <summary>A new appliance with one image, complete with a few hundred KB of known bytes, as a finished build leaves it.</summary>
    private async Task<(long Aid, long Id, byte[] Bytes)> CompleteImageAsync(HttpClient client, string name, bool compress = true)
    {
        var aid = await CreateApplianceAsync(client, name);
        var id = await GenerateIdAsync(client, aid,
            $"""<ns0:image xmlns:ns0="{Ns}"><compress>{(compress ? "true" : "false")}</compress><targetFormat><name>QCOW2</name></targetFormat></ns0:image>""");
        var bytes = BuiltImages.RandomBytes();
        await BuiltImages.CompleteAsync(_kiln, id, bytes);
        return (aid, id, bytes);
    }

    private static async Task<string> DownloadUriAsync(HttpClient client, long aid, long id)
    {
        using var response = await client.GetAsync(new Uri($"/api/users/admin/appliances/{aid}/images/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("downloadUri")!.Value;
    }

    private static string DownloadId(string downloadUri) => downloadUri[(downloadUri.IndexOf("downloadId=", StringComparison.Ordinal) + "downloadId=".Length)..];

    private static async Task<HttpResponseMessage> GetRangeAsync(HttpClient client, string path, RangeHeaderValue range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Range = range;
        return await client.SendAsync(request);
    }

    /// <summary>A GET whose path reaches the app exactly as given (decoded), past what an HTTP client and server would refuse.</summary>
    private async Task<(int Status, byte[] Body)> SendDecodedAsync(string path, string? query, bool asOwner)
    {
        var context = await _kiln.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = new PathString(path);
            if (query is not null)
                c.Request.QueryString = new QueryString(query);
            if (asOwner)
                c.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{KilnFactory.AdminPassword}"));
        });
        using var body = new MemoryStream();
        await context.Response.Body.CopyToAsync(body);
        return (context.Response.StatusCode, body.ToArray());
    }

    private static async Task<HttpResponseMessage> HeadAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, path);
        return await client.SendAsync(request);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
