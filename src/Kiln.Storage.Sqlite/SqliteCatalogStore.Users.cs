using Kiln.Catalog;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>Users and roles. Logins and API keys are UNIQUE; a clash is a <see cref="CatalogConflictException"/>.</summary>
public sealed partial class SqliteCatalogStore
{
    public async Task<User> CreateUserAsync(NewUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        try
        {
            return (await QueryOneAsync(CatalogSql.CreateUser, c =>
            {
                Bind(c, "$login", user.Login);
                BindUserFields(c, user.Email, user.PasswordHash, user.ApiKey, user.ApiSecret, user.Roles);
                Bind(c, "$now", Now);
            }, ReadUser, cancellationToken).ConfigureAwait(false))!;
        }
        catch (SqliteException e) when (Conflict(e, user.Login) is { } conflict)
        {
            throw conflict;
        }
    }

    public Task<User?> FindUserAsync(string login, CancellationToken cancellationToken) =>
        QueryOneAsync(CatalogSql.FindUser, c => Bind(c, "$login", login), ReadUser, cancellationToken);

    public Task<User?> FindUserByApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(apiKey)
            ? Task.FromResult<User?>(null)
            : QueryOneAsync(CatalogSql.FindUserByApiKey, c => Bind(c, "$api_key", apiKey), ReadUser, cancellationToken);

    /// <summary>Every user, by id, secrets included: whoever shows the list must leave them out.</summary>
    public Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken) =>
        QueryListAsync(CatalogSql.ListUsers, _ => { }, ReadUser, cancellationToken);

    /// <summary>
    /// Saves everything but the login (which names the user everywhere). A stale revision is a conflict; so is a user
    /// that no longer exists (the caller's copy is as stale as can be), with a message that says so.
    /// </summary>
    public async Task<User> UpdateUserAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        User? updated;
        try
        {
            updated = await QueryOneAsync(CatalogSql.UpdateUser, c =>
            {
                BindUserFields(c, user.Email, user.PasswordHash, user.ApiKey, user.ApiSecret, user.Roles);
                Bind(c, "$active", user.Active);
                Bind(c, "$now", Now);
                Bind(c, "$id", user.Id);
                Bind(c, "$revision", user.Stamp.Revision);
            }, ReadUser, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (Conflict(e, user.Login) is { } conflict)
        {
            throw conflict;
        }
        if (updated is not null)
            return updated;
        var current = await ScalarAsync(CatalogSql.UserRevision, c => Bind(c, "$id", user.Id), cancellationToken).ConfigureAwait(false);
        throw new CatalogConflictException(current is null
            ? $"user '{user.Login}' no longer exists"
            : $"user '{user.Login}' was changed meanwhile (revision {current}, not {user.Stamp.Revision}); read it again");
    }

    public async Task PutRoleAsync(Role role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        await ExecuteAsync(CatalogSql.PutRole, c =>
        {
            Bind(c, "$name", role.Name);
            Bind(c, "$entitlements", ToJson(role.Entitlements));
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken) =>
        QueryListAsync(CatalogSql.ListRoles, _ => { },
            r => new Role(Text(r, "name"), FromJson<string[]>(r, "entitlements")), cancellationToken);

    private static void BindUserFields(SqliteCommand c, string? email, string passwordHash, string apiKey, string apiSecret,
        IReadOnlyList<string> roles)
    {
        Bind(c, "$email", email);
        Bind(c, "$password_hash", passwordHash);
        Bind(c, "$api_key", apiKey);
        Bind(c, "$api_secret", apiSecret);
        Bind(c, "$roles", ToJson(roles));
    }

    /// <summary>The conflict a UNIQUE violation means; null for any other failure. The API key, a credential, is not named.</summary>
    private static CatalogConflictException? Conflict(SqliteException e, string login) =>
        IsUniqueViolation(e, "users.login") ? new CatalogConflictException($"login '{login}' is already taken", e)
        : IsUniqueViolation(e, "users.api_key") ? new CatalogConflictException("that API key already belongs to another user", e)
        : null;

    private static User ReadUser(SqliteDataReader r) => new(
        Integer(r, "id"), Text(r, "login"), TextOrNull(r, "email"), Text(r, "password_hash"), Text(r, "api_key"),
        Text(r, "api_secret"), FromJson<string[]>(r, "roles"), Flag(r, "active"), ReadStamp(r));
}
