namespace Kiln.Catalog;

/// <summary>A role: a name and the entitlements it grants.</summary>
public sealed record Role(string Name, IReadOnlyList<string> Entitlements);

/// <summary>
/// A Kiln user. <see cref="PasswordHash"/> is a one-way hash (never the password). <see cref="ApiSecret"/> is kept as
/// is because UForge's API-key scheme needs it to check HMAC signatures; the server never puts it in a document it sends.
/// </summary>
public sealed record User(long Id, string Login, string? Email, string PasswordHash, string ApiKey, string ApiSecret,
    IReadOnlyList<string> Roles, bool Active, Stamp Stamp);

/// <summary>What creating a user takes; the store assigns the id and stamp.</summary>
public sealed record NewUser(string Login, string? Email, string PasswordHash, string ApiKey, string ApiSecret, IReadOnlyList<string> Roles);
