using System.Text;
using Kiln.Catalog;
using Kiln.Server.Security;
using Kiln.Storage.Sqlite;
using Microsoft.AspNetCore.Http;

namespace Kiln.Server.Tests;

/// <summary>
/// The caller's account and roles are kept for <see cref="Authenticator.CallerLifetime"/>: changes made elsewhere (here,
/// straight in the catalog, as another process would) apply within that time, and at once after ForgetCallers.
/// </summary>
public sealed class AuthenticatorCachingTests : IDisposable
{
    private const string Password = "alice-Pa55word";
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _time = new();
    private readonly SqliteCatalogStore _catalog;
    private readonly PasswordHashing _passwords;
    private readonly Authenticator _authenticator;

    public AuthenticatorCachingTests()
    {
        _catalog = new SqliteCatalogStore(new SqliteDatabase(_database.Path), _time);
        _passwords = new PasswordHashing(_time);
        _authenticator = new Authenticator(_catalog, _passwords, _time);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_deactivation_made_elsewhere_shuts_the_caller_out_once_the_caller_lifetime_has_passed()
    {
        var alice = await AliceAsync();
        Assert.NotNull(await BasicAsync(Password));

        await _catalog.UpdateUserAsync(alice with { Active = false }, default);
        var withinLifetime = await BasicAsync(Password);
        _time.Advance(Authenticator.CallerLifetime);

        Assert.NotNull(withinLifetime);
        Assert.Null(await BasicAsync(Password));
        Assert.Null(await SignedAsync(alice));
    }

    [Fact]
    public async Task Entitlements_changed_elsewhere_apply_once_the_caller_lifetime_has_passed()
    {
        await AliceAsync();
        Assert.False((await BasicAsync(Password))!.Has(Entitlements.ImagePublish));

        await _catalog.PutRoleAsync(new Role("user", [Entitlements.ApplianceCreate, Entitlements.ImagePublish]), default);
        var withinLifetime = await BasicAsync(Password);
        _time.Advance(Authenticator.CallerLifetime);

        Assert.False(withinLifetime!.Has(Entitlements.ImagePublish));
        Assert.True((await BasicAsync(Password))!.Has(Entitlements.ImagePublish));
    }

    [Fact]
    public async Task A_password_changed_elsewhere_works_at_once_and_the_old_one_only_for_the_caller_lifetime()
    {
        var alice = await AliceAsync();
        Assert.NotNull(await BasicAsync(Password));

        await _catalog.UpdateUserAsync(alice with { PasswordHash = _passwords.Hash("new-Pa55word") }, default);

        Assert.NotNull(await BasicAsync("new-Pa55word"));
        _time.Advance(Authenticator.CallerLifetime);
        Assert.Null(await BasicAsync(Password));
        Assert.NotNull(await BasicAsync("new-Pa55word"));
    }

    [Fact]
    public async Task A_wrong_password_or_signature_is_refused_while_the_account_is_kept()
    {
        var alice = await AliceAsync();
        Assert.NotNull(await BasicAsync(Password));
        Assert.NotNull(await SignedAsync(alice));

        Assert.Null(await BasicAsync("wrong-Pa55word"));
        Assert.Null(await SignedAsync(alice with { ApiSecret = "not-the-secret" }));
    }

    [Fact]
    public async Task A_new_api_secret_set_elsewhere_works_at_once()
    {
        var alice = await AliceAsync();
        Assert.NotNull(await SignedAsync(alice));

        var changed = await _catalog.UpdateUserAsync(alice with { ApiSecret = "new-secret" }, default);

        Assert.NotNull(await SignedAsync(changed));
    }

    [Fact]
    public async Task After_forgetting_callers_a_change_applies_at_once()
    {
        var alice = await AliceAsync();
        Assert.NotNull(await BasicAsync(Password));
        Assert.NotNull(await SignedAsync(alice));

        await _catalog.UpdateUserAsync(alice with { Active = false }, default);
        _authenticator.ForgetCallers();

        Assert.Null(await BasicAsync(Password));
        Assert.Null(await SignedAsync(alice));
    }

    [Fact]
    public async Task A_caller_read_before_callers_were_forgotten_is_not_kept()
    {
        var alice = await AliceAsync();
        var callers = new CallerCache(_time, TimeSpan.FromSeconds(5));
        var generation = callers.Generation;

        callers.Forget();
        callers.Keep(new Caller(alice, new KilnPrincipal(alice.Login, new HashSet<string>())), generation);

        Assert.Null(callers.ByLogin(alice.Login));
        Assert.Null(callers.ByApiKey(alice.ApiKey));
    }

    private async Task<User> AliceAsync()
    {
        await _catalog.PutRoleAsync(new Role("user", [Entitlements.ApplianceCreate]), default);
        return await _catalog.CreateUserAsync(new NewUser("alice", null, _passwords.Hash(Password), "alice-key", "alice-secret", ["user"]), default);
    }

    private Task<KilnPrincipal?> BasicAsync(string password)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + password));
        return _authenticator.AuthenticateAsync(context.Request, default);
    }

    /// <summary>A request signed with <paramref name="user"/>'s API key and secret, as UForge clients sign them.</summary>
    private Task<KilnPrincipal?> SignedAsync(User user)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("kiln.test");
        context.Request.Path = "/api/users/alice";
        var unsigned = $"http://kiln.test/api/users/alice?apiKey={user.ApiKey}";
        context.Request.QueryString = new QueryString(
            $"?apiKey={user.ApiKey}&signature={Uri.EscapeDataString(Authenticator.Sign(user.ApiSecret, unsigned))}");
        return _authenticator.AuthenticateAsync(context.Request, default);
    }
}
