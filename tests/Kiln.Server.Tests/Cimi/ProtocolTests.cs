using System.Net;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>CIMI's protocol: the version header on every answer and its negotiation; ETags, conditional GET (304) and If-Match on PUT and DELETE (412).</summary>
public sealed class ProtocolTests : IClassFixture<ApiOnlyKilnFactory>
{
    private readonly ApiOnlyKilnFactory _kiln;

    public ProtocolTests(ApiOnlyKilnFactory kiln) => _kiln = kiln;

    /// <summary><see cref="CimiHttp.Check"/> asserts the header on every answer; here each kind of answer is made once on purpose.</summary>
    [Fact]
    public async Task Every_kind_of_answer_names_CIMI_1_0_1()
    {
        using var client = Admin(_kiln);
        using var anonymous = Client(_kiln);
        var created = await CreateAsync(client); // 202
        var path = PathOf(Value(created.Xml, "id")!);
        var read = (await GetAsync(client, path)).Expect(HttpStatusCode.OK);

        var answers = new List<CimiAnswer>
        {
            created,
            read,
            (await GetAsync(client, path, Xml, ("If-None-Match", read.ETag!))).Expect(HttpStatusCode.NotModified),
            (await GetAsync(client, "/cimi")).Expect(HttpStatusCode.MovedPermanently),
            (await GetAsync(client, "/cimi/machine_images?$orderby=colour")).Expect(HttpStatusCode.BadRequest),
            (await GetAsync(anonymous, "/cimi/machine_images")).Expect(HttpStatusCode.Unauthorized),
            (await GetAsync(client, ImagePath(999_999))).Expect(HttpStatusCode.NotFound),
            (await SendAsync(client, HttpMethod.Put, path, "<MachineImage><name>x</name></MachineImage>",
                headers: [("If-Match", "\"stale.x\"")])).Expect(HttpStatusCode.PreconditionFailed),
            (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images",
                "<MachineImage><imageLocation>http://localhost/cimi/machines/999999</imageLocation></MachineImage>")).Expect(HttpStatusCode.BadRequest),
            (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", "x", "text/plain")).Expect(HttpStatusCode.UnsupportedMediaType),
            (await SendAsync(client, HttpMethod.Patch, path, "<MachineImage/>")).Expect(HttpStatusCode.MethodNotAllowed),
            await DeleteAsync(client, path),
        };

        Assert.All(answers, a => Assert.Equal(SpecVersion, a.Header(VersionHeader)));
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("1.1")]
    [InlineData("2.0, 3.0")]
    public async Task A_request_naming_only_versions_Kiln_does_not_speak_is_refused_with_400(string version)
    {
        using var client = Admin(_kiln);

        foreach (var path in new[] { "/cimi/machine_images", "/cimi/cloudEntryPoint", "/cimi" })
        {
            var refused = (await GetAsync(client, path, Xml, (VersionHeader, version))).Expect(HttpStatusCode.BadRequest);

            Assert.Contains(version, refused.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("1.0.1", refused.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_version_changes_nothing()
    {
        var before = await _kiln.Catalog.ListImagesAsync("admin", null, default);
        using var client = Admin(_kiln);

        (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(NowhereUrl), headers: [(VersionHeader, "2.0")]))
            .Expect(HttpStatusCode.BadRequest);

        Assert.Equal(before.Select(i => i.Id), (await _kiln.Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id));
    }

    [Theory]
    [InlineData("1.0.1")]
    [InlineData("1.0.1, 2.0")]
    [InlineData("2.0,1.0.1")]
    [InlineData("1.0")]
    [InlineData("1.0.0")]
    public async Task A_request_naming_a_version_Kiln_speaks_is_answered_in_1_0_1(string version)
    {
        using var client = Admin(_kiln);

        var answer = (await GetAsync(client, "/cimi/machine_images", Xml, (VersionHeader, version))).Expect(HttpStatusCode.OK);

        Assert.Equal("1.0.1", answer.Header(VersionHeader));
    }

    [Theory]
    [InlineData(Xml)]
    [InlineData(Json)]
    public async Task A_conditional_GET_with_the_current_ETag_answers_304_without_a_body(string accept)
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client);

        foreach (var path in new[] { ImagePath(id), "/cimi/machine_images", "/cimi/cloudEntryPoint", "/cimi/jobs" })
        {
            var first = (await GetAsync(client, path, accept)).Expect(HttpStatusCode.OK);
            Assert.False(string.IsNullOrEmpty(first.ETag), path);

            var again = (await GetAsync(client, path, accept, ("If-None-Match", first.ETag!))).Expect(HttpStatusCode.NotModified);

            Assert.Empty(again.Body);
            Assert.Equal(first.ETag, again.ETag);
        }
    }

    [Fact]
    public async Task The_ETag_differs_between_representations_and_changes_with_the_image()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "before");
        var xml = (await GetAsync(client, ImagePath(id), Xml)).Expect(HttpStatusCode.OK);
        var json = (await GetAsync(client, ImagePath(id), Json)).Expect(HttpStatusCode.OK);
        Assert.NotEqual(xml.ETag, json.ETag);

        (await GetAsync(client, ImagePath(id), Json, ("If-None-Match", xml.ETag!))).Expect(HttpStatusCode.OK);
        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>after</name></MachineImage>")).Expect(HttpStatusCode.OK);

        var changed = (await GetAsync(client, ImagePath(id), Xml, ("If-None-Match", xml.ETag!))).Expect(HttpStatusCode.OK);
        Assert.NotEqual(xml.ETag, changed.ETag);
        Assert.Equal("after", Value(changed.Xml, "name"));
    }

    [Fact]
    public async Task A_PUT_with_a_stale_If_Match_answers_412_and_changes_nothing()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "first");
        var stale = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).ETag!;
        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>second</name></MachineImage>")).Expect(HttpStatusCode.OK);
        var current = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK);

        var refused = (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>third</name><description>d</description></MachineImage>",
            headers: [("If-Match", stale)])).Expect(HttpStatusCode.PreconditionFailed);

        Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.ErrorMessage, StringComparison.Ordinal);
        var after = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK);
        Assert.Equal(("second", null), (Value(after.Xml, "name"), Value(after.Xml, "description")));
        Assert.Equal(current.ETag, after.ETag);
        Assert.Equal("second", (await _kiln.Catalog.GetImageByIdAsync(id, default))!.Label.Name);
    }

    [Theory]
    [InlineData(Xml)]
    [InlineData(Json)]
    public async Task A_PUT_with_the_current_ETag_of_either_representation_answers_200(string readAs)
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "first");
        var etag = (await GetAsync(client, ImagePath(id), readAs)).Expect(HttpStatusCode.OK).ETag!;

        var edited = (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>second</name></MachineImage>",
            headers: [("If-Match", etag)])).Expect(HttpStatusCode.OK);

        Assert.Equal("second", Value(edited.Xml, "name"));
        Assert.NotEqual(etag, edited.ETag);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"nope.x\", CURRENT")]
    [InlineData("W/CURRENT")]
    public async Task If_Match_accepts_a_star_a_list_holding_the_current_ETag_and_weak_tags(string header)
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "first");
        var etag = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).ETag!;

        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><name>second</name></MachineImage>",
            headers: [("If-Match", header.Replace("CURRENT", etag, StringComparison.Ordinal))])).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_DELETE_with_a_stale_If_Match_answers_412_and_the_image_stays()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client, name: "kept");
        var stale = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK).ETag!;
        (await SendAsync(client, HttpMethod.Put, ImagePath(id), "<MachineImage><description>changed</description></MachineImage>")).Expect(HttpStatusCode.OK);

        (await DeleteAsync(client, ImagePath(id), ("If-Match", stale))).Expect(HttpStatusCode.PreconditionFailed);

        (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK);
        Assert.NotNull(await _kiln.Catalog.GetImageByIdAsync(id, default));
    }

    [Fact]
    public async Task A_DELETE_with_the_current_ETag_answers_200()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client);
        var etag = (await GetAsync(client, ImagePath(id), Json)).Expect(HttpStatusCode.OK).ETag!;

        var deleted = await DeleteAsync(client, ImagePath(id), ("If-Match", etag));

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Null(await _kiln.Catalog.GetImageByIdAsync(id, default));
    }

    [Fact]
    public async Task A_select_gives_its_own_ETag()
    {
        using var client = Admin(_kiln);
        var id = await CreateIdAsync(client);

        var all = (await GetAsync(client, ImagePath(id))).Expect(HttpStatusCode.OK);
        var some = (await GetAsync(client, ImagePath(id) + "?$select=name")).Expect(HttpStatusCode.OK);

        Assert.NotEqual(all.ETag, some.ETag);
        (await GetAsync(client, ImagePath(id) + "?$select=name", Xml, ("If-None-Match", all.ETag!))).Expect(HttpStatusCode.OK);
        (await GetAsync(client, ImagePath(id) + "?$select=name", Xml, ("If-None-Match", some.ETag!))).Expect(HttpStatusCode.NotModified);
    }
}
