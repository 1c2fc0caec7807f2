using Microsoft.AspNetCore.Identity;

namespace Kiln.Server.Security;

/// <summary>Passwords are stored as ASP.NET Core Identity's PBKDF2 hashes (salted, iterated, versioned), never as text.</summary>
internal sealed class PasswordHashing
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(Subject, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
}
