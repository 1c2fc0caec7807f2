using Kiln.Blobs;
using Kiln.Builder;
using Kiln.Builder.Packages;
using Kiln.Builder.Processes;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Images;
using Kiln.Server.Machines;
using Kiln.Storage.Sqlite;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Kiln.Server.Hosting;

/// <summary>All of the service's dependency wiring, in one place.</summary>
internal static class KilnServices
{
    public static void AddKilnServices(this WebApplicationBuilder builder)
    {
        // The host looks for appsettings.json in the working directory; a kiln-server started elsewhere would run
        // without the one beside it, and log every request at Information. Beside the binary, it comes first (lowest).
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory), Path = "appsettings.json", Optional = true,
        });
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
        builder.Services.AddSingleton(NewImageBuilder);
        builder.Services.AddSingleton(s => s.GetRequiredService<ImageBuilder>().PackageIndexes);
        builder.Services.AddSingleton(s => new DebianMirror(Options(s).Mirror ?? Builder.Planning.AptSources.DefaultMirror()));
        builder.Services.AddSingleton<IBlobStore>(s =>
            new FileBlobStore(new FileBlobStoreOptions { RootDirectory = Options(s).BlobDirectory }, s.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(s => new JobQueueOptions { LeaseDuration = Options(s).LeaseDuration });
        builder.Services.AddSingleton<IJobQueue>(s =>
            new SqliteJobQueue(s.GetRequiredService<SqliteDatabase>(), s.GetRequiredService<JobQueueOptions>(), s.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IJobHandler, ImageBuildJobHandler>();
        builder.Services.AddHttpClient(ImageImportJob.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(s => ImageDownload.CreateHandler(Options(s)));
        builder.Services.AddSingleton<IJobHandler, ImageImportJobHandler>();
        builder.Services.AddSingleton(s => new JobWorker(s.GetRequiredService<IJobQueue>(), s.GetServices<IJobHandler>(),
            new JobWorkerOptions { Concurrency = Options(s).BuildConcurrency, HeartbeatInterval = Options(s).HeartbeatInterval },
            s.GetRequiredService<JobQueueOptions>(), s.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<AdminBootstrap>();
        builder.Services.AddSingleton<ImageGeneration>();
        builder.Services.AddSingleton<ImageReconciler>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ImageReconciler>());
        builder.Services.AddHostedService<BuildWorkerService>();
        builder.Services.AddKilnMachines();
        builder.Services.AddSingleton<Security.PasswordHashing>();
        builder.Services.AddSingleton<Security.Authenticator>();
        builder.Services.AddSingleton<UForgeApi.ImageDocumentCache>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("Kiln:MaxRequestBodyBytes") ?? 1024 * 1024);
    }

    private static ImageBuilder NewImageBuilder(IServiceProvider services)
    {
        var options = Options(services);
        return new ImageBuilder(new BuilderOptions
        {
            CacheDirectory = options.CacheDirectory ?? Path.Combine(options.DataDirectory, "cache"),
            CacheMaxBytes = options.CacheSizeMiB * 1024 * 1024,
            WorkDirectory = options.WorkDirectory,
            Mirror = options.Mirror,
            CheckPackages = options.CheckPackages,
        }, services.GetRequiredService<IProcessRunner>(), services.GetRequiredService<TimeProvider>());
    }

    private static KilnOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<KilnOptions>>().Value;
}
