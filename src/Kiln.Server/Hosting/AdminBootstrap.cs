using System.Security.Cryptography;
using Kiln.Catalog;
using Kiln.Server.Security;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Hosting;

/// <summary>
/// On start, makes sure the roles exist and that there is an admin: login <c>admin</c>, password from
/// KILN_ADMIN_PASSWORD, or generated, printed and kept in the data directory's initial-admin-password file (mode 0600)
/// so that each start can print it again until the file is deleted; the catalog keeps only its hash.
/// </summary>
internal sealed class AdminBootstrap(ICatalogStore catalog, PasswordHashing passwords, IOptions<KilnOptions> options,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string AdminLogin = "admin";
    public const string AdminRole = "administrator";
    public const string UserRole = "user";
    public const string InitialPasswordFile = "initial-admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.PutRoleAsync(new Role(AdminRole, Entitlements.All), cancellationToken).ConfigureAwait(false);
        await catalog.PutRoleAsync(new Role(UserRole, [Entitlements.ApplianceCreate, Entitlements.ImageGenerate, Entitlements.ImagePublish]),
            cancellationToken).ConfigureAwait(false);
        var remembered = Path.Combine(options.Value.DataDirectory, InitialPasswordFile);
        if (await catalog.FindUserAsync(AdminLogin, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (File.Exists(remembered))
                Console.WriteLine($"Kiln admin: login '{AdminLogin}', initial password '{(await File.ReadAllTextAsync(remembered, cancellationToken).ConfigureAwait(false)).Trim()}' (from {remembered}; delete it once the password is changed).");
            return;
        }

        var password = options.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var (apiKey, apiSecret) = ApiKeys.Create();
        await catalog.CreateUserAsync(new NewUser(AdminLogin, null, passwords.Hash(password!), apiKey, apiSecret, [AdminRole]), cancellationToken)
            .ConfigureAwait(false);
        if (generated)
        {
            // Kept readable by root only, so that the person who started Kiln can find it again after a restart.
            await using (var file = new FileStream(remembered, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            await using (var writer = new StreamWriter(file))
                await writer.WriteLineAsync(password).ConfigureAwait(false);
            Console.WriteLine($"Kiln admin account created: login '{AdminLogin}', password '{password}' (also in {remembered}; set KILN_ADMIN_PASSWORD to choose it).");
        }
        else
            logger.AdminCreated();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
