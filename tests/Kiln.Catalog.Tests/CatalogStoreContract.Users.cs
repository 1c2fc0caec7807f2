using Kiln.Catalog.Tests.Support;

namespace Kiln.Catalog.Tests;

public abstract partial class CatalogStoreContract
{
    [Fact]
    public async Task Created_user_is_active_at_its_first_revision_and_found_by_login()
    {
        var store = NewStore();

        var user = await store.CreateUserAsync(Samples.User(Alice), default);

        Assert.True(user.Id > 0);
        Assert.Equal(Alice, user.Login);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal("pbkdf2$alice", user.PasswordHash);
        Assert.Equal("key-alice", user.ApiKey);
        Assert.Equal("secret-alice", user.ApiSecret);
        Assert.Equal(["user"], user.Roles);
        Assert.True(user.Active);
        Assert.Equal(StampNow(), user.Stamp);
        Samples.AssertSameUser(user, await store.FindUserAsync(Alice, default));
    }

    [Fact]
    public async Task A_user_without_email_keeps_it_null()
    {
        var store = NewStore();

        await store.CreateUserAsync(Samples.User(Alice) with { Email = null }, default);

        Assert.Null((await store.FindUserAsync(Alice, default))!.Email);
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_login_is_a_conflict_that_names_the_login()
    {
        var store = NewStore();
        var first = await store.CreateUserAsync(Samples.User(Alice), default);

        var conflict = await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.CreateUserAsync(Samples.User(Alice) with { ApiKey = "another-key" }, default));

        Assert.Contains("'alice'", conflict.Message, StringComparison.Ordinal);
        Samples.AssertSameUser(first, await store.FindUserAsync(Alice, default));
        Assert.Single(await store.ListUsersAsync(default));
    }

    [Fact]
    public async Task Unknown_login_or_api_key_is_not_found()
    {
        var store = NewStore();
        await store.CreateUserAsync(Samples.User(Alice), default);

        Assert.Null(await store.FindUserAsync(Bob, default));
        Assert.Null(await store.FindUserByApiKeyAsync("key-bob", default));
        Assert.Null(await store.FindUserByApiKeyAsync("", default));
    }

    [Fact]
    public async Task A_user_is_found_by_its_api_key()
    {
        var store = NewStore();
        await store.CreateUserAsync(Samples.User(Alice), default);
        var bob = await store.CreateUserAsync(Samples.User(Bob), default);

        Samples.AssertSameUser(bob, await store.FindUserByApiKeyAsync("key-bob", default));
    }

    [Fact]
    public async Task Listing_users_gives_every_user_in_full()
    {
        var store = NewStore();
        var alice = await store.CreateUserAsync(Samples.User(Alice), default);
        var bob = await store.CreateUserAsync(Samples.User(Bob), default);

        var users = await store.ListUsersAsync(default);

        Assert.Equal(2, users.Count);
        Samples.AssertSameUser(alice, users.Single(u => u.Login == Alice));
        Samples.AssertSameUser(bob, users.Single(u => u.Login == Bob));
    }

    [Fact]
    public async Task Updating_a_user_saves_its_fields_and_bumps_revision_and_last_modified()
    {
        var store = NewStore();
        var created = await store.CreateUserAsync(Samples.User(Alice), default);
        Time.Advance(TimeSpan.FromMinutes(3));

        var updated = await store.UpdateUserAsync(created with
        {
            Email = "a@example.org", PasswordHash = "pbkdf2$new", ApiKey = "key-2", ApiSecret = "secret-2",
            Roles = ["administrator", "user"], Active = false,
        }, default);

        var expected = created with
        {
            Email = "a@example.org", PasswordHash = "pbkdf2$new", ApiKey = "key-2", ApiSecret = "secret-2",
            Roles = ["administrator", "user"], Active = false, Stamp = StampNow(created.Stamp),
        };
        Samples.AssertSameUser(expected, updated);
        Samples.AssertSameUser(expected, await store.FindUserAsync(Alice, default));
        Samples.AssertSameUser(expected, await store.FindUserByApiKeyAsync("key-2", default));
        Assert.Null(await store.FindUserByApiKeyAsync("key-alice", default));
    }

    [Fact]
    public async Task Updating_a_user_does_not_rename_it()
    {
        var store = NewStore();
        var created = await store.CreateUserAsync(Samples.User(Alice), default);

        var updated = await store.UpdateUserAsync(created with { Login = "mallory" }, default);

        Assert.Equal(Alice, updated.Login);
        Assert.NotNull(await store.FindUserAsync(Alice, default));
        Assert.Null(await store.FindUserAsync("mallory", default));
    }

    [Fact]
    public async Task Updating_a_user_from_a_stale_revision_is_a_conflict_and_changes_nothing()
    {
        var store = NewStore();
        var created = await store.CreateUserAsync(Samples.User(Alice), default);
        var current = await store.UpdateUserAsync(created with { Email = "first@example.com" }, default);

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateUserAsync(created with { Email = "second@example.com" }, default));

        Samples.AssertSameUser(current, await store.FindUserAsync(Alice, default));
    }

    [Fact]
    public async Task Updating_a_user_that_does_not_exist_is_a_conflict()
    {
        var store = NewStore();
        var alice = await store.CreateUserAsync(Samples.User(Alice), default);

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            store.UpdateUserAsync(alice with { Id = alice.Id + 1000, Login = "ghost" }, default));
    }

    [Fact]
    public async Task Putting_a_role_creates_it_then_replaces_its_entitlements()
    {
        var store = NewStore();
        await store.PutRoleAsync(new Role("administrator", Entitlements.All), default);
        await store.PutRoleAsync(new Role("user", [Entitlements.ApplianceCreate]), default);

        await store.PutRoleAsync(new Role("user", [Entitlements.ApplianceCreate, Entitlements.ImageGenerate]), default);

        var roles = await store.ListRolesAsync(default);
        Assert.Equal(2, roles.Count);
        Assert.Equal(Entitlements.All, roles.Single(r => r.Name == "administrator").Entitlements);
        Assert.Equal([Entitlements.ApplianceCreate, Entitlements.ImageGenerate], roles.Single(r => r.Name == "user").Entitlements);
    }

    [Fact]
    public async Task No_roles_until_one_is_put()
    {
        Assert.Empty(await NewStore().ListRolesAsync(default));
    }
}
