using System.Net;
using Kiln.Catalog;
using Kiln.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Server.Tests;

public sealed class AuthenticationApiTests : IClassFixture<KilnFactory>
{
    private static readonly Uri Distributions = new("/api/distributions", UriKind.Relative);
    private readonly KilnFactory _kiln;

    public AuthenticationApiTests(KilnFactory kiln) => _kiln = kiln;

    [Fact]
    public async Task Request_without_credentials_answers_401_with_a_basic_challenge_and_a_uforge_error()
    {
        using var client = _kiln.CreateClient();

        using var response = await client.GetAsync(Distributions);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        var error = ValidUForge.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("401", error.Root!.Element("statusCode")!.Value);
        Assert.Equal("GET", error.Root.Element("requestMethod")!.Value);
    }

    [Fact]
    public async Task Wrong_password_answers_401()
    {
        using var client = _kiln.ClientAs("admin", "not-the-password");

        using var response = await client.GetAsync(Distributions);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Admin_exists_after_start_with_the_configured_password_stored_hashed()
    {
        using var client = _kiln.Admin();

        using var response = await client.GetAsync(Distributions);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var admin = await Catalog().FindUserAsync("admin", CancellationToken.None);
        Assert.DoesNotContain(KilnFactory.AdminPassword, admin!.PasswordHash, StringComparison.Ordinal);
        Assert.Contains("administrator", admin.Roles);
    }

    [Fact]
    public async Task Signed_api_key_request_authenticates_and_a_tampered_one_does_not()
    {
        using var anonymous = _kiln.CreateClient();
        var admin = (await Catalog().FindUserAsync("admin", CancellationToken.None))!;
        var unsigned = $"{anonymous.BaseAddress}api/users/admin/targetformats?apiKey={admin.ApiKey}";
        var signature = Uri.EscapeDataString(Security.Authenticator.Sign(admin.ApiSecret, unsigned));

        using var signed = await anonymous.GetAsync(new Uri($"{unsigned}&signature={signature}"));
        using var tampered = await anonymous.GetAsync(new Uri($"{unsigned}&x=1&signature={signature}"));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    [Fact]
    public async Task Another_users_space_answers_404_unless_the_caller_administrates_users()
    {
        var passwords = _kiln.Services.GetRequiredService<Security.PasswordHashing>();
        await Catalog().CreateUserAsync(new NewUser("alice", null, passwords.Hash("alice-pw"), "alice-key", "alice-secret", ["user"]), CancellationToken.None);
        using var alice = _kiln.ClientAs("alice", "alice-pw");
        using var admin = _kiln.Admin();

        using var own = await alice.GetAsync(new Uri("/api/users/alice/targetformats", UriKind.Relative));
        using var others = await alice.GetAsync(new Uri("/api/users/admin/targetformats", UriKind.Relative));
        using var administrated = await admin.GetAsync(new Uri("/api/users/alice/targetformats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.OK, administrated.StatusCode);
    }

    private ICatalogStore Catalog() => _kiln.Services.GetRequiredService<ICatalogStore>();
}
