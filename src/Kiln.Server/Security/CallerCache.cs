using System.Collections.Concurrent;
using Kiln.Catalog;

namespace Kiln.Server.Security;

/// <summary>A caller as the catalog had them: their account (for the credentials) and what their roles grant.</summary>
internal sealed record Caller(User User, KilnPrincipal Principal);

/// <summary>
/// Callers as read a moment ago, by login and by API key, each for <see cref="Lifetime"/> after it was read.
/// <see cref="Forget"/> drops them all; a read that began before it is not kept, so a change this process made is
/// never hidden by a read of the account as it was just before.
/// </summary>
internal sealed class CallerCache(TimeProvider time, TimeSpan lifetime)
{
    private const int MaxCallers = 10_000;
    private readonly ConcurrentDictionary<string, Kept> _byLogin = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Kept> _byApiKey = new(StringComparer.Ordinal);
    private readonly Lock _writing = new();
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    /// <summary>Taken before reading the catalog, given back to <see cref="Keep"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public Caller? ByLogin(string login) => Fresh(_byLogin, login);

    public Caller? ByApiKey(string apiKey) => Fresh(_byApiKey, apiKey);

    /// <summary>Keeps <paramref name="caller"/>, read from the catalog after <paramref name="generation"/> was taken, unless forgotten since.</summary>
    public void Keep(Caller caller, long generation)
    {
        var kept = new Kept(caller, time.GetUtcNow() + lifetime);
        lock (_writing)
        {
            if (generation != _generation)
                return;
            if (_byLogin.Count >= MaxCallers || _byApiKey.Count >= MaxCallers)
            {
                _byLogin.Clear();
                _byApiKey.Clear();
            }
            _byLogin[caller.User.Login] = kept;
            _byApiKey[caller.User.ApiKey] = kept;
        }
    }

    public void Forget()
    {
        lock (_writing)
        {
            _generation++;
            _byLogin.Clear();
            _byApiKey.Clear();
        }
    }

    private Caller? Fresh(ConcurrentDictionary<string, Kept> callers, string key) =>
        callers.TryGetValue(key, out var kept) && kept.Until > time.GetUtcNow() ? kept.Caller : null;

    private sealed record Kept(Caller Caller, DateTimeOffset Until);
}
