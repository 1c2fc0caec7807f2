using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Kiln.Catalog;

namespace Kiln.Server.Security;

/// <summary>
/// Who is calling: HTTP Basic (login and password), or UForge's API-key signature: the request URI carries
/// <c>apiKey=PUBLIC</c> and, last, <c>signature=</c> the URL-encoded Base64 HMAC-SHA1, keyed with the user's secret,
/// of the full request URI before <c>&amp;signature=</c>. Comparisons take constant time.
/// </summary>
internal sealed class Authenticator(ICatalogStore catalog, PasswordHashing passwords)
{
    public async Task<KilnPrincipal?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var user = request.Query.ContainsKey("apiKey")
            ? await FromApiKeyAsync(request, cancellationToken).ConfigureAwait(false)
            : await FromBasicAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null || !user.Active)
            return null;
        var roles = await catalog.ListRolesAsync(cancellationToken).ConfigureAwait(false);
        var entitlements = roles.Where(r => user.Roles.Contains(r.Name)).SelectMany(r => r.Entitlements).ToHashSet(StringComparer.Ordinal);
        return new KilnPrincipal(user.Login, entitlements);
    }

    private async Task<User?> FromBasicAsync(HttpRequest request, CancellationToken cancellationToken)
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
        var user = await catalog.FindUserAsync(decoded[..colon], cancellationToken).ConfigureAwait(false);
        return user is not null && passwords.Verify(user.PasswordHash, decoded[(colon + 1)..]) ? user : null;
    }

    private async Task<User?> FromApiKeyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var uri = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var marker = uri.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (marker < 0)
            return null;
        var user = await catalog.FindUserByApiKeyAsync(request.Query["apiKey"].ToString(), cancellationToken).ConfigureAwait(false);
        if (user is null)
            return null;
        var signed = uri[..marker];
        var given = Uri.UnescapeDataString(uri[(marker + "&signature=".Length)..]);
        return SignatureMatches(user.ApiSecret, signed, given) ? user : null;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "UForge's API-key protocol is HMAC-SHA1; clients sign with it.")]
    internal static string Sign(string secret, string uri) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(uri)));

    private static bool SignatureMatches(string secret, string uri, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, uri)), Encoding.ASCII.GetBytes(given));
}
