using System.Net;
using Kiln.Server.Tests.Support;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// Who sees what: everything but the Cloud Entry Point needs HTTP Basic (401 with a CIMI error otherwise); a user
/// sees and touches only their own images and jobs (another's answer 404, as if absent); a user administrator sees all.
/// </summary>
public sealed class UserTests : IClassFixture<UserTests.ThreeUsers>
{
    private readonly ThreeUsers _users;

    public UserTests(ThreeUsers users) => _users = users;

    private ApiOnlyKilnFactory Kiln => _users.Kiln;

    public static TheoryData<string, string> SecuredCalls => new()
    {
        { "GET", "/cimi/machine_images" },
        { "GET", "/cimi/machine_images/1" },
        { "POST", "/cimi/machine_images" },
        { "PUT", "/cimi/machine_images/1" },
        { "DELETE", "/cimi/machine_images/1" },
        { "GET", "/cimi/jobs" },
        { "GET", "/cimi/jobs/6f1c1f6e-0000-4000-8000-000000000001" },
        { "DELETE", "/cimi/jobs/6f1c1f6e-0000-4000-8000-000000000001" },
    };

    [Theory]
    [MemberData(nameof(SecuredCalls))]
    public async Task Without_credentials_every_call_but_the_entry_point_answers_401_with_a_CIMI_error_and_a_Basic_challenge(string method, string path)
    {
        var before = await Kiln.Catalog.ListImagesAsync("admin", null, default);
        using var anonymous = Client(Kiln);

        foreach (var accept in new[] { Xml, Json })
        {
            var refused = (await SendAsync(anonymous, new HttpMethod(method), path,
                method is "POST" or "PUT" ? CreateBody(NowhereUrl) : null, accept: accept)).Expect(HttpStatusCode.Unauthorized);

            Assert.Equal(accept, refused.ContentType);
            Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Contains("Basic", refused.ErrorMessage, StringComparison.Ordinal);
        }
        Assert.Equal(before.Select(i => i.Id), (await Kiln.Catalog.ListImagesAsync("admin", null, default)).Select(i => i.Id));
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", "whatever")]
    [InlineData("", "")]
    public async Task Wrong_credentials_answer_401(string login, string password)
    {
        using var client = Client(Kiln, login, password);

        (await GetAsync(client, "/cimi/machine_images")).Expect(HttpStatusCode.Unauthorized);
        (await GetAsync(client, "/cimi/cloudEntryPoint")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_malformed_Authorization_header_answers_401()
    {
        using var client = Client(Kiln);

        foreach (var header in new[] { "Basic !!!", "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()), "Bearer abc" })
            (await GetAsync(client, "/cimi/machine_images", Xml, ("Authorization", header))).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_lists_only_their_own_images()
    {
        using var alice = _users.Alice();
        using var bob = _users.Bob();

        var alices = Entries((await GetAsync(alice, "/cimi/machine_images")).Expect(HttpStatusCode.OK).Xml).Select(e => IdOf(Value(e, "id")!)).ToList();
        var bobs = Entries((await GetAsync(bob, "/cimi/machine_images")).Expect(HttpStatusCode.OK).Xml).Select(e => IdOf(Value(e, "id")!)).ToList();

        Assert.Contains(_users.AliceImage, alices);
        Assert.DoesNotContain(_users.BobImage, alices);
        Assert.Contains(_users.BobImage, bobs);
        Assert.DoesNotContain(_users.AliceImage, bobs);
        foreach (var id in alices)
            Assert.Equal("alice", (await Kiln.Catalog.GetImageByIdAsync(id, default))!.Owner);
    }

    [Fact]
    public async Task Another_user_s_image_answers_404_to_get_put_and_delete_and_stays_as_it_was()
    {
        using var alice = _users.Alice();
        using var bob = _users.Bob();
        var path = ImagePath(_users.BobImage);
        var before = (await GetAsync(bob, path)).Expect(HttpStatusCode.OK);

        var get = (await GetAsync(alice, path)).Expect(HttpStatusCode.NotFound);
        (await SendAsync(alice, HttpMethod.Put, path, "<MachineImage><name>stolen</name></MachineImage>")).Expect(HttpStatusCode.NotFound);
        (await DeleteAsync(alice, path)).Expect(HttpStatusCode.NotFound);
        var unknown = (await GetAsync(alice, ImagePath(987_654))).Expect(HttpStatusCode.NotFound);

        Assert.Equal(unknown.ErrorMessage.Replace("987654", "ID", StringComparison.Ordinal),
            get.ErrorMessage.Replace(_users.BobImage.ToString(System.Globalization.CultureInfo.InvariantCulture), "ID", StringComparison.Ordinal));
        var after = (await GetAsync(bob, path)).Expect(HttpStatusCode.OK);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal("bob's", Value(after.Xml, "name"));
    }

    [Fact]
    public async Task Another_user_s_job_answers_404_to_get_and_delete_and_is_not_listed()
    {
        using var alice = _users.Alice();
        using var bob = _users.Bob();
        var job = _users.BobJob;

        (await GetAsync(alice, PathOf(job))).Expect(HttpStatusCode.NotFound);
        (await DeleteAsync(alice, PathOf(job))).Expect(HttpStatusCode.NotFound);
        var jobs = (await GetAsync(alice, "/cimi/jobs")).Expect(HttpStatusCode.OK).Xml;

        Assert.DoesNotContain(job, jobs.Elements(Ns + "Job").Select(j => Value(j, "id")));
        Assert.Equal("RUNNING", Value((await GetAsync(bob, PathOf(job))).Expect(HttpStatusCode.OK).Xml, "state"));
    }

    [Fact]
    public async Task Images_a_user_creates_through_CIMI_are_theirs()
    {
        using var alice = _users.Alice();

        var id = await CreateIdAsync(alice, name: "alice-created");

        Assert.Equal("alice", (await Kiln.Catalog.GetImageByIdAsync(id, default))!.Owner);
        Assert.Equal("alice", Properties((await GetAsync(alice, ImagePath(id))).Xml)["owner"]);
    }

    [Fact]
    public async Task A_user_without_image_generate_may_not_make_images_403_and_nothing_is_created()
    {
        (await Kiln.UserWithAsync("frank", "appliance_create")).Dispose();
        using var frank = Client(Kiln, "frank", PasswordOf("frank"));
        using var carol = _users.Carol();

        foreach (var client in new[] { frank, carol })
        {
            var refused = (await SendAsync(client, HttpMethod.Post, "/cimi/machine_images", CreateBody(NowhereUrl, "not allowed")))
                .Expect(HttpStatusCode.Forbidden);

            Assert.Contains("image_generate", refused.ErrorMessage, StringComparison.Ordinal);
        }
        Assert.Empty(await Kiln.Catalog.ListImagesAsync("frank", null, default));
        Assert.Empty(await Kiln.Catalog.ListImagesAsync("carol", null, default));
        (await GetAsync(frank, "/cimi/machine_images")).Expect(HttpStatusCode.OK); // reading their own (none) is fine
    }

    [Fact]
    public async Task A_user_administrator_sees_and_reads_every_user_s_images_and_jobs()
    {
        using var carol = _users.Carol();
        using var admin = Admin(Kiln);

        foreach (var client in new[] { carol, admin })
        {
            var ids = Entries((await GetAsync(client, "/cimi/machine_images")).Expect(HttpStatusCode.OK).Xml).Select(e => IdOf(Value(e, "id")!)).ToList();

            Assert.Contains(_users.AliceImage, ids);
            Assert.Contains(_users.BobImage, ids);
            Assert.Equal("bob", Properties((await GetAsync(client, ImagePath(_users.BobImage))).Expect(HttpStatusCode.OK).Xml)["owner"]);
            (await GetAsync(client, PathOf(_users.BobJob))).Expect(HttpStatusCode.OK);
            Assert.Contains(_users.BobJob, (await GetAsync(client, "/cimi/jobs")).Expect(HttpStatusCode.OK).Xml.Elements(Ns + "Job").Select(j => Value(j, "id")));
        }
    }

    [Fact]
    public async Task A_user_administrator_may_edit_another_user_s_image()
    {
        using var carol = _users.Carol();
        using var alice = _users.Alice();
        var id = await CreateIdAsync(alice, name: "alice-to-rename");

        (await SendAsync(carol, HttpMethod.Put, ImagePath(id), "<MachineImage><name>renamed by carol</name></MachineImage>")).Expect(HttpStatusCode.OK);

        Assert.Equal("renamed by carol", Value((await GetAsync(alice, ImagePath(id))).Xml, "name"));
        Assert.Equal("alice", (await Kiln.Catalog.GetImageByIdAsync(id, default))!.Owner);
    }

    /// <summary>alice and bob (appliance_create, image_generate), carol (user_administrate); alice and bob have one image each.</summary>
    public sealed class ThreeUsers : IAsyncLifetime
    {
        public ApiOnlyKilnFactory Kiln { get; } = new();

        public long AliceImage { get; private set; }

        public long BobImage { get; private set; }

        public string BobJob { get; private set; } = "";

        public HttpClient Alice() => Client(Kiln, "alice", PasswordOf("alice"));

        public HttpClient Bob() => Client(Kiln, "bob", PasswordOf("bob"));

        public HttpClient Carol() => Client(Kiln, "carol", PasswordOf("carol"));

        public async Task InitializeAsync()
        {
            (await Kiln.UserWithAsync("alice", "appliance_create", "image_generate")).Dispose();
            (await Kiln.UserWithAsync("bob", "appliance_create", "image_generate")).Dispose();
            (await Kiln.UserWithAsync("carol", "user_administrate")).Dispose();
            using var alice = Alice();
            using var bob = Bob();
            AliceImage = await CreateIdAsync(alice, name: "alice's");
            var created = await CreateAsync(bob, name: "bob's");
            BobImage = IdOf(Value(created.Xml, "id")!);
            BobJob = created.Header("CIMI-Job-URI")!;
        }

        public async Task DisposeAsync() => await Kiln.DisposeAsync();
    }
}
