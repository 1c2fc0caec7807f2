using System.Security.Cryptography;

namespace Kiln.Server.Security;

/// <summary>A user's UForge API key pair: the public key names the user in URLs, the secret signs requests.</summary>
internal static class ApiKeys
{
    public static (string PublicKey, string Secret) Create() => (Token(24), Token(32));

    private static string Token(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
