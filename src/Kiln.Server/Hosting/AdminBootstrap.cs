using System.Security.Cryptography;
using Kiln.Catalog;
using Kiln.Server.Security;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Hosting;

/// <summary>
/// On start, makes sure the roles exist and that there is an admin: login <c>admin</c>, password from
/// KILN_ADMIN_PASSWORD or generated and printed once (it cannot be shown again: only its hash is kept).
/// </summary>
internal sealed class AdminBootstrap(ICatalogStore catalog, PasswordHashing passwords, IOptions<KilnOptions> options,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string AdminLogin = "admin";
    public const string AdminRole = "administrator";
    public const string UserRole = "user";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.PutRoleAsync(new Role(AdminRole, Entitlements.All), cancellationToken).ConfigureAwait(false);
        await catalog.PutRoleAsync(new Role(UserRole, [Entitlements.ApplianceCreate, Entitlements.ImageGenerate, Entitlements.ImagePublish]),
            cancellationToken).ConfigureAwait(false);
        if (await catalog.FindUserAsync(AdminLogin, cancellationToken).ConfigureAwait(false) is not null)
            return;

        var password = options.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var (apiKey, apiSecret) = ApiKeys.Create();
        await catalog.CreateUserAsync(new NewUser(AdminLogin, null, passwords.Hash(password!), apiKey, apiSecret, [AdminRole]), cancellationToken)
            .ConfigureAwait(false);
        if (generated)
            Console.WriteLine($"Kiln admin account created: login '{AdminLogin}', password '{password}' (shown once; set KILN_ADMIN_PASSWORD to choose it).");
        else
            logger.AdminCreated();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
