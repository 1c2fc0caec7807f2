using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Kiln.Server.Security;

/// <summary>
/// Passwords are stored as ASP.NET Core Identity's PBKDF2 hashes (salted, iterated, versioned), never as text.
/// <para>
/// Checking one costs tens of milliseconds of CPU by design, and HTTP Basic sends the password with every request: a
/// successful check is remembered for a few minutes, keyed by an HMAC (with a key of this process) of the stored hash
/// and the password, so that a client polling a status does not pay it each time. Changing the password changes the
/// stored hash, so the remembered check no longer applies; failures are never remembered (guessing stays slow).
/// </para>
/// </summary>
internal sealed class PasswordHashing : IDisposable
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>One keyed HMAC per thread: setting one up costs about as much as the HMAC itself, on every request.</summary>
    private readonly ThreadLocal<HMACSHA256> _mac;

    public PasswordHashing(TimeProvider time)
    {
        _time = time;
        var key = RandomNumberGenerator.GetBytes(32);
        _mac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(key), trackAllValues: true);
    }

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public bool Verify(string hash, string password)
    {
        var key = Convert.ToBase64String(_mac.Value!.ComputeHash(Encoding.UTF8.GetBytes(hash + "\n" + password)));
        var now = _time.GetUtcNow();
        if (_verified.TryGetValue(key, out var until) && until > now)
            return true;
        var ok = _hasher.VerifyHashedPassword(Subject, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
        if (!ok)
            return false;
        if (_verified.Count >= MaxRemembered)
            _verified.Clear();
        _verified[key] = now + Remembered;
        return true;
    }

    public void Dispose()
    {
        foreach (var mac in _mac.Values)
            mac.Dispose();
        _mac.Dispose();
    }
}
