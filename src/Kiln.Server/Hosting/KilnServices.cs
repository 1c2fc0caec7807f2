using Kiln.Builder;
using Kiln.Builder.Packages;
using Kiln.Builder.Processes;
using Kiln.Catalog;
using Kiln.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Hosting;

/// <summary>All of the service's dependency wiring, in one place.</summary>
internal static class KilnServices
{
    public static void AddKilnServices(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KilnOptions>(builder.Configuration.GetSection("Kiln"));
        builder.Services.PostConfigure<KilnOptions>(o =>
        {
            o.AdminPassword ??= Environment.GetEnvironmentVariable("KILN_ADMIN_PASSWORD");
            o.DataDirectory = Path.GetFullPath(o.DataDirectory);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IProcessRunner, ProcessRunner>();
        builder.Services.AddSingleton(s => new SqliteDatabase(Path.Combine(s.GetRequiredService<IOptions<KilnOptions>>().Value.DataDirectory, "kiln.db")));
        builder.Services.AddSingleton<ICatalogStore>(s => new SqliteCatalogStore(s.GetRequiredService<SqliteDatabase>(), s.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(s => new PackageIndexStore(
            Path.Combine(s.GetRequiredService<IOptions<KilnOptions>>().Value.DataDirectory, "cache"), s.GetRequiredService<IProcessRunner>()));
        builder.Services.AddSingleton(_ => new DebianMirror(builder.Configuration["Kiln:Mirror"] ?? Builder.Planning.AptSources.DefaultMirror()));
        builder.Services.AddSingleton<Security.PasswordHashing>();
        builder.Services.AddSingleton<Security.Authenticator>();
        builder.Services.AddHostedService<AdminBootstrap>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("Kiln:MaxRequestBodyBytes") ?? 1024 * 1024);
    }

}
