using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Kiln.Catalog;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Server.Tests;

public sealed class UserApiTests : IClassFixture<KilnFactory>
{
    private const string Ns = "http://www.usharesoft.com/uforge";
    private readonly KilnFactory _kiln;

    public UserApiTests(KilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task Creating_a_user_with_xml_answers_201_with_location_and_the_user_document()
    {
        using var admin = _kiln.Admin();

        using var created = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users",
            $"""<ns0:user xmlns:ns0="{Ns}"><loginName>carol</loginName><email>carol@example.org</email><password>carol-pw-123</password></ns0:user>""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/users/carol", created.Headers.Location!.OriginalString);
        var user = ValidUForge.Parse(await created.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("user", user.Name.LocalName);
        Assert.False(string.IsNullOrEmpty(user.Element("dbId")?.Value));
        Assert.False(string.IsNullOrEmpty(user.Element("digest")?.Value));
        Assert.NotNull(user.Element("created"));
        Assert.NotNull(user.Element("lastModified"));
        Assert.Equal("carol", user.Element("loginName")!.Value);
        Assert.Equal("carol@example.org", user.Element("email")!.Value);
        Assert.Equal("true", user.Element("active")!.Value);
        Assert.Equal("false", user.Element("admin")!.Value);
        Assert.Equal("users/carol", user.Element("uri")!.Value);
        Assert.Equal("users/carol/appliances", user.Element("baseAppliancesUri")!.Value);
        Assert.Equal("users/carol/images", user.Element("baseImagesUri")!.Value);
        Assert.Equal("users/carol/targetformats", user.Element("baseTargetFormatsUri")!.Value);
        Assert.Equal("users/carol/distros", user.Element("baseDistributionsUri")!.Value);
        var role = Assert.Single(user.Element("roles")!.Elements("role"));
        Assert.Equal("user", role.Element("name")!.Value);
        Assert.Contains("image_generate", role.Element("entitlements")!.Elements("entitlement").Select(e => e.Element("name")!.Value));
        Assert.Null(user.Element("password"));
        var stored = (await Catalog().FindUserAsync("carol", default))!;
        Assert.Equal(["user"], stored.Roles);
        Assert.DoesNotContain("carol-pw-123", stored.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_user_with_json_answers_201_with_a_json_user_document()
    {
        using var admin = _kiln.Admin("application/json");
        using var content = new StringContent(
            """{"user":{"loginName":"dave.j-1","email":"dave@example.org","password":"dave-pw-123","roles":{"role":[{"name":"user"},{"name":"administrator"}]}}}""",
            Encoding.UTF8, "application/json");

        using var created = await admin.PostAsync(new Uri("/api/users", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/users/dave.j-1", created.Headers.Location!.OriginalString);
        Assert.Equal("application/json", created.Content.Headers.ContentType!.ToString());
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var user = json.RootElement.GetProperty("user");
        Assert.Equal("dave.j-1", user.GetProperty("loginName").GetString());
        Assert.True(user.GetProperty("admin").GetBoolean());
        Assert.Equal(["user", "administrator"], user.GetProperty("roles").GetProperty("role").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.False(user.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_login_answers_409()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "twin", "twin-pw-123");

        using var again = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", UserXml("twin", "other-pw-123"));
        using var theAdmin = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", UserXml("admin", "other-pw-123"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("twin", ValidUForge.Parse(await again.Content.ReadAsStringAsync()).Root!.Element("localizedErrorMsg")!.Element("message")!.Value,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, theAdmin.StatusCode);
    }

    [Fact]
    public async Task Creating_a_user_without_password_answers_400()
    {
        using var admin = _kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", $"""<ns0:user xmlns:ns0="{Ns}"><loginName>nopass</loginName></ns0:user>""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "password");
        Assert.Null(await Catalog().FindUserAsync("nopass", default));
    }

    [Fact]
    public async Task Creating_a_user_with_a_password_under_8_characters_answers_400()
    {
        using var admin = _kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", UserXml("shortpass", "1234567"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "password");
        Assert.Null(await Catalog().FindUserAsync("shortpass", default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bob")]
    [InlineData("-bob")]
    [InlineData(".bob")]
    [InlineData("bo b")]
    [InlineData("bob/x")]
    [InlineData("bob\n")]
    [InlineData("b\u00e9b")]
    [InlineData("a12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task Creating_a_user_with_an_invalid_login_answers_400(string login)
    {
        using var admin = _kiln.Admin();
        var before = (await Catalog().ListUsersAsync(default)).Count;

        using var response = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", UserXml(new XText(login).ToString(), "valid-pw-123"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "loginName");
        Assert.Equal(before, (await Catalog().ListUsersAsync(default)).Count);
    }

    [Fact]
    public async Task Creating_a_user_with_a_64_character_login_of_allowed_characters_answers_201()
    {
        using var admin = _kiln.Admin();
        var login = "0" + new string('a', 60) + "._-";

        using var response = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", UserXml(login, "valid-pw-123"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Creating_a_user_with_an_unknown_role_answers_400_naming_it()
    {
        using var admin = _kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users",
            $"""<ns0:user xmlns:ns0="{Ns}"><loginName>ghostrole</loginName><password>valid-pw-123</password><roles><role><name>user</name></role><role><name>wizard</name></role></roles></ns0:user>""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "'wizard'");
        Assert.Null(await Catalog().FindUserAsync("ghostrole", default));
    }

    [Fact]
    public async Task Creating_a_user_with_an_invalid_email_answers_400()
    {
        using var admin = _kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users",
            $"""<ns0:user xmlns:ns0="{Ns}"><loginName>bademail</loginName><email>not an address</email><password>valid-pw-123</password></ns0:user>""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task Creating_a_user_with_a_form_body_answers_415()
    {
        using var admin = _kiln.Admin();
        using var content = new StringContent("loginName=formuser&password=valid-pw-123", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await admin.PostAsync(new Uri("/api/users", UriKind.Relative), content);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "application/xml");
        Assert.Null(await Catalog().FindUserAsync("formuser", default));
    }

    [Fact]
    public async Task A_user_without_user_administrate_gets_403_on_creating_and_listing_users_and_on_roles()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "plain", "plain-pw-123");
        using var plain = _kiln.ClientAs("plain", "plain-pw-123");

        using var create = await Requests.SendAsync(plain, HttpMethod.Post, "/api/users", UserXml("sneaky", "sneaky-pw-123"));
        using var list = await plain.GetAsync(new Uri("/api/users", UriKind.Relative));
        using var setRoles = await Requests.SendAsync(plain, HttpMethod.Put, "/api/users/plain/roles", RolesXml("administrator"));
        using var roles = await plain.GetAsync(new Uri("/api/roles", UriKind.Relative));
        using var putRole = await Requests.SendAsync(plain, HttpMethod.Put, "/api/roles/mine", RoleXml("mine", "user_administrate"));

        foreach (var response in new[] { create, list, setRoles, roles, putRole })
            await AssertErrorAsync(response, HttpStatusCode.Forbidden, "user_administrate");
        Assert.Null(await Catalog().FindUserAsync("sneaky", default));
        Assert.Equal(["user"], (await Catalog().FindUserAsync("plain", default))!.Roles);
    }

    [Fact]
    public async Task A_new_user_logs_in_with_basic_and_with_its_api_key()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "erin", "erin-pw-123");
        using var erin = _kiln.ClientAs("erin", "erin-pw-123");
        using var anonymous = _kiln.CreateClient();
        var stored = (await Catalog().FindUserAsync("erin", default))!;
        var unsigned = $"{anonymous.BaseAddress}api/users/erin?apiKey={stored.ApiKey}";
        var signature = Uri.EscapeDataString(Security.Authenticator.Sign(stored.ApiSecret, unsigned));

        using var basic = await erin.GetAsync(new Uri("/api/users/erin", UriKind.Relative));
        using var signed = await anonymous.GetAsync(new Uri($"{unsigned}&signature={signature}"));
        using var appliances = await erin.GetAsync(new Uri("/api/users/erin/appliances", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal("erin", ValidUForge.Parse(await basic.Content.ReadAsStringAsync()).Root!.Element("loginName")!.Value);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("erin", ValidUForge.Parse(await signed.Content.ReadAsStringAsync()).Root!.Element("loginName")!.Value);
        Assert.Equal(HttpStatusCode.OK, appliances.StatusCode);
    }

    [Fact]
    public async Task A_user_sees_only_itself_and_another_uid_answers_404()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "frank", "frank-pw-123");
        await CreateUserAsync(admin, "grace", "grace-pw-123");
        using var frank = _kiln.ClientAs("frank", "frank-pw-123");

        using var own = await frank.GetAsync(new Uri("/api/users/frank", UriKind.Relative));
        using var other = await frank.GetAsync(new Uri("/api/users/grace", UriKind.Relative));
        using var otherRoles = await frank.GetAsync(new Uri("/api/users/grace/roles", UriKind.Relative));
        using var theAdmin = await frank.GetAsync(new Uri("/api/users/admin", UriKind.Relative));
        using var nobody = await frank.GetAsync(new Uri("/api/users/nobody", UriKind.Relative));
        using var change = await Requests.SendAsync(frank, HttpMethod.Put, "/api/users/grace", $"""<ns0:user xmlns:ns0="{Ns}"><email>frank@example.org</email></ns0:user>""");
        using var byAdmin = await admin.GetAsync(new Uri("/api/users/grace", UriKind.Relative));
        using var missingForAdmin = await admin.GetAsync(new Uri("/api/users/nobody", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        foreach (var response in new[] { other, otherRoles, theAdmin, nobody, change, missingForAdmin })
            await AssertErrorAsync(response, HttpStatusCode.NotFound, "No user");
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Null((await Catalog().FindUserAsync("grace", default))!.Email);
    }

    [Fact]
    public async Task Documents_never_contain_the_password_its_hash_or_the_api_secret()
    {
        using var admin = _kiln.Admin();
        using var adminJson = _kiln.Admin("application/json");
        using var created = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users", UserXml("heidi", "heidi-secret-pw"));
        using var changed = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/heidi",
            $"""<ns0:user xmlns:ns0="{Ns}"><password>heidi-new-secret</password></ns0:user>""");
        var stored = (await Catalog().FindUserAsync("heidi", default))!;
        var adminStored = (await Catalog().FindUserAsync("admin", default))!;

        var bodies = new List<string> { await created.Content.ReadAsStringAsync(), await changed.Content.ReadAsStringAsync() };
        foreach (var client in new[] { admin, adminJson })
            foreach (var path in new[] { "/api/users/heidi", "/api/users", "/api/users/admin", "/api/users/heidi/roles" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                bodies.Add(await response.Content.ReadAsStringAsync());
            }

        foreach (var body in bodies)
        {
            foreach (var secret in new[] { "heidi-secret-pw", "heidi-new-secret", stored.PasswordHash, stored.ApiSecret, adminStored.PasswordHash,
                adminStored.ApiSecret, KilnFactory.AdminPassword })
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var xml in bodies.Where(b => b.StartsWith('<')))
            ValidUForge.Parse(xml);
    }

    [Fact]
    public async Task Users_are_listed_by_login_and_found_by_fiql_query()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "zoe-list", "zoe-pw-1234", "zoe@list.example");
        await CreateUserAsync(admin, "amy-list", "amy-pw-1234", "amy@list.example");
        await CreateUserAsync(admin, "bea-other", "bea-pw-1234", "bea@other.example");

        using var all = await admin.GetAsync(new Uri("/api/users", UriKind.Relative));
        using var byLogin = await admin.GetAsync(new Uri("/api/users?query=loginName=='*-list'", UriKind.Relative));
        using var byEmail = await admin.GetAsync(new Uri("/api/users?query=email=='*@other.example'", UriKind.Relative));
        using var bad = await admin.GetAsync(new Uri("/api/users?query=password=='x'", UriKind.Relative));

        var logins = Logins(ValidUForge.Parse(await all.Content.ReadAsStringAsync()));
        Assert.Equal(logins.Order(StringComparer.Ordinal), logins);
        Assert.Contains("admin", logins);
        var listed = ValidUForge.Parse(await byLogin.Content.ReadAsStringAsync());
        Assert.Equal(["amy-list", "zoe-list"], Logins(listed));
        Assert.Equal("2", listed.Root!.Element("total")!.Value);
        Assert.Equal(["bea-other"], Logins(ValidUForge.Parse(await byEmail.Content.ReadAsStringAsync())));
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "query");
    }

    [Fact]
    public async Task Getting_a_user_answers_an_etag_that_gives_304_until_the_user_or_its_roles_change()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "ivan", "ivan-pw-123", roles: ["etag-role"], createRoles: true);
        using var first = await admin.GetAsync(new Uri("/api/users/ivan", UriKind.Relative));
        var etag = first.Headers.ETag!;
        Assert.Equal($"\"{ValidUForge.Parse(await first.Content.ReadAsStringAsync()).Root!.Element("digest")!.Value}\"", etag.Tag);

        using var unchanged = await Requests.ConditionalGetAsync(admin, "/api/users/ivan", etag);
        using var roleChanged = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/etag-role", RoleXml("etag-role", "image_generate"));
        using var afterRole = await Requests.ConditionalGetAsync(admin, "/api/users/ivan", etag);
        var etag2 = afterRole.Headers.ETag!;
        using var emailChanged = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/ivan", $"""<ns0:user xmlns:ns0="{Ns}"><email>ivan@example.org</email></ns0:user>""");
        using var afterEmail = await Requests.ConditionalGetAsync(admin, "/api/users/ivan", etag2);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, roleChanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRole.StatusCode);
        Assert.NotEqual(etag, etag2);
        Assert.Equal(HttpStatusCode.OK, emailChanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterEmail.StatusCode);
        Assert.Equal("ivan@example.org", ValidUForge.Parse(await afterEmail.Content.ReadAsStringAsync()).Root!.Element("email")!.Value);
    }

    [Fact]
    public async Task A_user_changes_their_own_email_and_password()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "judy", "judy-pw-old", "judy@old.example");
        using var judy = _kiln.ClientAs("judy", "judy-pw-old");

        using var changed = await Requests.SendAsync(judy, HttpMethod.Put, "/api/users/judy",
            $"""<ns0:user xmlns:ns0="{Ns}"><loginName>judy</loginName><email>judy@new.example</email><password>judy-pw-new</password></ns0:user>""");
        using var oldPassword = await judy.GetAsync(new Uri("/api/users/judy", UriKind.Relative));
        using var judyNew = _kiln.ClientAs("judy", "judy-pw-new");
        using var newPassword = await judyNew.GetAsync(new Uri("/api/users/judy", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("judy@new.example", ValidUForge.Parse(await changed.Content.ReadAsStringAsync()).Root!.Element("email")!.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(2, (await Catalog().FindUserAsync("judy", default))!.Stamp.Revision);
    }

    [Fact]
    public async Task Updating_a_user_with_a_short_password_a_bad_email_or_another_login_answers_400_and_changes_nothing()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "karl", "karl-pw-123");
        using var karl = _kiln.ClientAs("karl", "karl-pw-123");

        using var shortPassword = await Requests.SendAsync(karl, HttpMethod.Put, "/api/users/karl", $"""<ns0:user xmlns:ns0="{Ns}"><password>short</password></ns0:user>""");
        using var badEmail = await Requests.SendAsync(karl, HttpMethod.Put, "/api/users/karl", $"""<ns0:user xmlns:ns0="{Ns}"><email>karl</email></ns0:user>""");
        using var rename = await Requests.SendAsync(karl, HttpMethod.Put, "/api/users/karl", $"""<ns0:user xmlns:ns0="{Ns}"><loginName>carl</loginName></ns0:user>""");

        await AssertErrorAsync(shortPassword, HttpStatusCode.BadRequest, "password");
        await AssertErrorAsync(badEmail, HttpStatusCode.BadRequest, "email");
        await AssertErrorAsync(rename, HttpStatusCode.BadRequest, "loginName");
        Assert.Equal(1, (await Catalog().FindUserAsync("karl", default))!.Stamp.Revision);
    }

    [Fact]
    public async Task Updating_a_user_with_a_wrong_content_type_answers_415()
    {
        using var admin = _kiln.Admin();
        using var content = new StringContent("email=x@example.org", Encoding.UTF8, "text/plain");

        using var response = await admin.PutAsync(new Uri("/api/users/admin", UriKind.Relative), content);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "text/plain");
    }

    [Fact]
    public async Task A_user_without_user_administrate_cannot_change_their_active_flag()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "leo", "leo-pw-1234");
        using var leo = _kiln.ClientAs("leo", "leo-pw-1234");

        using var deactivate = await Requests.SendAsync(leo, HttpMethod.Put, "/api/users/leo", $"""<ns0:user xmlns:ns0="{Ns}"><active>false</active></ns0:user>""");
        using var unchanged = await Requests.SendAsync(leo, HttpMethod.Put, "/api/users/leo", $"""<ns0:user xmlns:ns0="{Ns}"><active>true</active></ns0:user>""");

        await AssertErrorAsync(deactivate, HttpStatusCode.Forbidden, "user_administrate");
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.True((await Catalog().FindUserAsync("leo", default))!.Active);
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_their_own_account()
    {
        using var admin = _kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/admin", $"""<ns0:user xmlns:ns0="{Ns}"><active>false</active></ns0:user>""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "own account");
        Assert.True((await Catalog().FindUserAsync("admin", default))!.Active);
    }

    [Fact]
    public async Task A_deactivated_user_gets_401_on_every_route_until_reactivated()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "mallory", "mallory-pw-1");
        using var mallory = _kiln.ClientAs("mallory", "mallory-pw-1");
        using var anonymous = _kiln.CreateClient();
        var stored = (await Catalog().FindUserAsync("mallory", default))!;
        var unsigned = $"{anonymous.BaseAddress}api/users/mallory?apiKey={stored.ApiKey}";
        var signedUri = new Uri($"{unsigned}&signature={Uri.EscapeDataString(Security.Authenticator.Sign(stored.ApiSecret, unsigned))}");

        using var deactivated = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/mallory", $"""<ns0:user xmlns:ns0="{Ns}"><active>false</active></ns0:user>""");
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal("false", ValidUForge.Parse(await deactivated.Content.ReadAsStringAsync()).Root!.Element("active")!.Value);
        foreach (var path in new[] { "/api/users/mallory", "/api/users/mallory/roles", "/api/distributions", "/api/users/mallory/appliances", "/api/users/mallory/targetformats" })
        {
            using var response = await mallory.GetAsync(new Uri(path, UriKind.Relative));
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Authentication");
        }
        using (var change = await Requests.SendAsync(mallory, HttpMethod.Put, "/api/users/mallory", $"""<ns0:user xmlns:ns0="{Ns}"><active>true</active></ns0:user>"""))
            await AssertErrorAsync(change, HttpStatusCode.Unauthorized, "Authentication");
        using (var signed = await anonymous.GetAsync(signedUri))
            Assert.Equal(HttpStatusCode.Unauthorized, signed.StatusCode);
        using (var status = await mallory.GetAsync(new Uri("/api/status", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        using var reactivated = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/mallory", $"""<ns0:user xmlns:ns0="{Ns}"><active>true</active></ns0:user>""");
        using var again = await mallory.GetAsync(new Uri("/api/users/mallory", UriKind.Relative));
        using var signedAgain = await anonymous.GetAsync(signedUri);
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedAgain.StatusCode);
    }

    [Fact]
    public async Task User_roles_are_read_and_replaced_and_grant_their_entitlements()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "nina", "nina-pw-123");
        using var nina = _kiln.ClientAs("nina", "nina-pw-123");
        using var before = await nina.GetAsync(new Uri("/api/users/nina/roles", UriKind.Relative));
        using var refused = await nina.GetAsync(new Uri("/api/users", UriKind.Relative));

        using var replaced = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/nina/roles", RolesXml("administrator", "user", "administrator"));
        using var after = await nina.GetAsync(new Uri("/api/users/nina/roles", UriKind.Relative));
        using var allowed = await nina.GetAsync(new Uri("/api/users", UriKind.Relative));
        using var self = await nina.GetAsync(new Uri("/api/users/nina", UriKind.Relative));

        var roles = ValidUForge.Parse(await before.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("roles", roles.Name.LocalName);
        Assert.Equal(["user"], RoleNames(roles));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["administrator", "user"], RoleNames(ValidUForge.Parse(await replaced.Content.ReadAsStringAsync()).Root!));
        var afterRoles = ValidUForge.Parse(await after.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(["administrator", "user"], RoleNames(afterRoles));
        Assert.Contains("user_administrate", afterRoles.Descendants("entitlement").Select(e => e.Element("name")!.Value));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("true", ValidUForge.Parse(await self.Content.ReadAsStringAsync()).Root!.Element("admin")!.Value);
        Assert.Equal(["administrator", "user"], (await Catalog().FindUserAsync("nina", default))!.Roles);
    }

    [Fact]
    public async Task Replacing_user_roles_with_an_unknown_role_answers_400_naming_it()
    {
        using var admin = _kiln.Admin();
        await CreateUserAsync(admin, "oscar", "oscar-pw-123");

        using var response = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/oscar/roles", RolesXml("user", "overlord"));
        using var missing = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/nobody/roles", RolesXml("user"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "'overlord'");
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "nobody");
        Assert.Equal(["user"], (await Catalog().FindUserAsync("oscar", default))!.Roles);
    }

    [Fact]
    public async Task Removing_the_last_administrators_role_answers_400_until_another_user_administrates()
    {
        using var kiln = new KilnFactory();
        using var admin = kiln.Admin();
        await CreateUserAsync(admin, "peggy", "peggy-pw-123");

        using var alone = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/admin/roles", RolesXml("user"));
        await AssertErrorAsync(alone, HttpStatusCode.BadRequest, "no active user");
        using var inactiveHeir = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/peggy/roles", RolesXml("administrator"));
        using var deactivateHeir = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/peggy", $"""<ns0:user xmlns:ns0="{Ns}"><active>false</active></ns0:user>""");
        using var heirInactive = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/admin/roles", RolesXml("user"));
        await AssertErrorAsync(heirInactive, HttpStatusCode.BadRequest, "no active user");
        using var reactivateHeir = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/peggy", $"""<ns0:user xmlns:ns0="{Ns}"><active>true</active></ns0:user>""");
        using var handedOver = await Requests.SendAsync(admin, HttpMethod.Put, "/api/users/admin/roles", RolesXml("user"));

        Assert.Equal(HttpStatusCode.OK, inactiveHeir.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deactivateHeir.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reactivateHeir.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handedOver.StatusCode);
        var catalog = kiln.Services.GetRequiredService<ICatalogStore>();
        Assert.Equal(["user"], (await catalog.FindUserAsync("admin", default))!.Roles);
        Assert.Equal(["administrator"], (await catalog.FindUserAsync("peggy", default))!.Roles);
    }

    [Fact]
    public async Task Roles_are_listed_with_their_entitlements()
    {
        using var admin = _kiln.Admin();

        using var response = await admin.GetAsync(new Uri("/api/roles", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var roles = ValidUForge.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("roles", roles.Name.LocalName);
        var administrator = roles.Element("roles")!.Elements("role").Single(r => r.Element("name")!.Value == "administrator");
        Assert.Equal(Entitlements.All, administrator.Element("entitlements")!.Elements("entitlement").Select(e => e.Element("name")!.Value));
        Assert.All(administrator.Descendants("entitlement"), e => Assert.False(string.IsNullOrEmpty(e.Element("description")?.Value)));
        Assert.Contains("user", RoleNames(roles));
    }

    [Fact]
    public async Task Putting_a_role_creates_it_with_201_then_replaces_it_with_200()
    {
        using var admin = _kiln.Admin();

        using var created = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/builder", RoleXml("builder", "appliance_create", "image_generate"));
        using var replaced = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/builder",
            $"""<ns0:role xmlns:ns0="{Ns}"><entitlements><entitlement><name>appliance_create</name></entitlement></entitlements></ns0:role>""");
        using var read = await admin.GetAsync(new Uri("/api/roles/builder", UriKind.Relative));
        using var missing = await admin.GetAsync(new Uri("/api/roles/nothing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/roles/builder", created.Headers.Location!.OriginalString);
        Assert.Equal(["appliance_create", "image_generate"], Entitlement(ValidUForge.Parse(await created.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["appliance_create"], Entitlement(ValidUForge.Parse(await replaced.Content.ReadAsStringAsync())));
        Assert.Equal(["appliance_create"], Entitlement(ValidUForge.Parse(await read.Content.ReadAsStringAsync())));
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "nothing");

        await CreateUserAsync(admin, "quinn", "quinn-pw-123", roles: ["builder"]);
        using var quinn = _kiln.ClientAs("quinn", "quinn-pw-123");
        using var appliances = await quinn.GetAsync(new Uri("/api/users/quinn/appliances", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, appliances.StatusCode);
    }

    [Fact]
    public async Task Putting_a_role_with_an_unknown_entitlement_answers_400_naming_it()
    {
        using var admin = _kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/dreamer", RoleXml("dreamer", "image_generate", "fly_to_the_moon"));
        using var mismatch = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/dreamer", RoleXml("sleeper", "image_generate"));
        using var badName = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/Dreamer", RoleXml("Dreamer", "image_generate"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "'fly_to_the_moon'");
        await AssertErrorAsync(mismatch, HttpStatusCode.BadRequest, "sleeper");
        await AssertErrorAsync(badName, HttpStatusCode.BadRequest, "Dreamer");
        Assert.DoesNotContain(await Catalog().ListRolesAsync(default), r => r.Name is "dreamer" or "sleeper" or "Dreamer");
    }

    [Fact]
    public async Task Taking_user_administrate_from_the_only_administrating_role_answers_400()
    {
        using var kiln = new KilnFactory();
        using var admin = kiln.Admin();

        using var response = await Requests.SendAsync(admin, HttpMethod.Put, "/api/roles/administrator", RoleXml("administrator", "appliance_create"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "no active user");
        var roles = await kiln.Services.GetRequiredService<ICatalogStore>().ListRolesAsync(default);
        Assert.Contains(Entitlements.UserAdministrate, roles.Single(r => r.Name == "administrator").Entitlements);
    }

    private ICatalogStore Catalog() => _kiln.Services.GetRequiredService<ICatalogStore>();

    private static async Task CreateUserAsync(HttpClient admin, string login, string password, string? email = null,
        string[]? roles = null, bool createRoles = false)
    {
        foreach (var role in createRoles ? roles ?? [] : [])
        {
            using var put = await Requests.SendAsync(admin, HttpMethod.Put, $"/api/roles/{role}", RoleXml(role, "appliance_create"));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        var emailXml = email is null ? "" : $"<email>{email}</email>";
        var rolesXml = roles is null ? "" : $"<roles>{string.Concat(roles.Select(r => $"<role><name>{r}</name></role>"))}</roles>";
        using var created = await Requests.SendAsync(admin, HttpMethod.Post, "/api/users",
            $"""<ns0:user xmlns:ns0="{Ns}"><loginName>{login}</loginName>{emailXml}<password>{password}</password>{rolesXml}</ns0:user>""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private static string UserXml(string login, string password) =>
        $"""<ns0:user xmlns:ns0="{Ns}"><loginName>{login}</loginName><password>{password}</password></ns0:user>""";

    private static string RolesXml(params string[] names) =>
        $"""<ns0:roles xmlns:ns0="{Ns}"><roles>{string.Concat(names.Select(n => $"<role><name>{n}</name></role>"))}</roles></ns0:roles>""";

    private static string RoleXml(string name, params string[] entitlements) =>
        $"""<ns0:role xmlns:ns0="{Ns}"><name>{name}</name><entitlements>{string.Concat(entitlements.Select(e => $"<entitlement><name>{e}</name></entitlement>"))}</entitlements></ns0:role>""";

    private static List<string> Logins(XDocument users) => [.. users.Root!.Element("users")!.Elements("user").Select(u => u.Element("loginName")!.Value)];

    private static List<string> RoleNames(XElement roles) => [.. roles.Element("roles")!.Elements("role").Select(r => r.Element("name")!.Value)];

    private static List<string> Entitlement(XDocument role) =>
        [.. role.Root!.Element("entitlements")!.Elements("entitlement").Select(e => e.Element("name")!.Value)];

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string mentioned)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode} instead of {(int)expected}: {body}");
        var message = ValidUForge.Parse(body).Root!.Element("localizedErrorMsg")!.Element("message")!.Value;
        Assert.Contains(mentioned, message, StringComparison.Ordinal);
    }
}
