using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Kiln.Catalog;

namespace Kiln.Server.Security;

/// <summary>
/// Who is calling: HTTP Basic (login and password), or UForge's API-key signature: the request URI carries
/// <c>apiKey=PUBLIC</c> and, last, <c>signature=</c> the URL-encoded Base64 HMAC-SHA1, keyed with the user's secret,
/// of the full request URI before <c>&amp;signature=</c>. Comparisons take constant time.
/// <para>
/// Clients send their credentials with every request, and reading the account and the roles for each cost two catalog
/// reads: a caller's account and entitlements are used as read for <see cref="CallerLifetime"/>. That is the longest
/// a change made elsewhere (another process on the same catalog, or the catalog written directly) takes to apply here:
/// deactivating the user, changing their roles or a role's entitlements, changing their password (the old one keeps
/// working that long; the new one works at once, since credentials that do not match what is kept are checked against
/// the catalog again). Changes made through this process's API apply at once: they call <see cref="ForgetCallers"/>.
/// </para>
/// </summary>
internal sealed class Authenticator(ICatalogStore catalog, PasswordHashing passwords, TimeProvider time)
{
    public static readonly TimeSpan CallerLifetime = TimeSpan.FromSeconds(5);

    private readonly CallerCache _callers = new(time, CallerLifetime);

    public async Task<KilnPrincipal?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = request.Query.ContainsKey("apiKey")
            ? await FromApiKeyAsync(request, cancellationToken).ConfigureAwait(false)
            : await FromBasicAsync(request, cancellationToken).ConfigureAwait(false);
        return caller is { User.Active: true } ? caller.Principal : null;
    }

    /// <summary>Users or roles changed: callers are read from the catalog again from now on.</summary>
    public void ForgetCallers() => _callers.Forget();

    private async Task<Caller?> FromBasicAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            return null;
        var (login, password) = (decoded[..colon], decoded[(colon + 1)..]);
        var kept = _callers.ByLogin(login);
        if (kept is not null && passwords.Verify(kept.User.PasswordHash, password))
            return kept;
        var caller = await ReadAsync(() => catalog.FindUserAsync(login, cancellationToken), cancellationToken).ConfigureAwait(false);
        // A hash already found wrong for this password need not cost another slow check.
        return caller is not null && caller.User.PasswordHash != kept?.User.PasswordHash && passwords.Verify(caller.User.PasswordHash, password)
            ? caller
            : null;
    }

    private async Task<Caller?> FromApiKeyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var uri = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var marker = uri.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (marker < 0)
            return null;
        var apiKey = request.Query["apiKey"].ToString();
        var signed = uri[..marker];
        var given = Uri.UnescapeDataString(uri[(marker + "&signature=".Length)..]);
        if (_callers.ByApiKey(apiKey) is { } kept && SignatureMatches(kept.User.ApiSecret, signed, given))
            return kept;
        var caller = await ReadAsync(() => catalog.FindUserByApiKeyAsync(apiKey, cancellationToken), cancellationToken).ConfigureAwait(false);
        return caller is not null && SignatureMatches(caller.User.ApiSecret, signed, given) ? caller : null;
    }

    /// <summary>The user <paramref name="find"/> reads, with their entitlements, kept for the next requests; null when there is none.</summary>
    private async Task<Caller?> ReadAsync(Func<Task<User?>> find, CancellationToken cancellationToken)
    {
        var generation = _callers.Generation;
        if (await find().ConfigureAwait(false) is not { } user)
            return null;
        var roles = await catalog.ListRolesAsync(cancellationToken).ConfigureAwait(false);
        var entitlements = roles.Where(r => user.Roles.Contains(r.Name)).SelectMany(r => r.Entitlements).ToHashSet(StringComparer.Ordinal);
        var caller = new Caller(user, new KilnPrincipal(user.Login, entitlements));
        _callers.Keep(caller, generation);
        return caller;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "UForge's API-key protocol is HMAC-SHA1; clients sign with it.")]
    internal static string Sign(string secret, string uri) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(uri)));

    private static bool SignatureMatches(string secret, string uri, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, uri)), Encoding.ASCII.GetBytes(given));
}
