using System.Collections.Concurrent;
using Kiln.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kiln.Server.Tests.Cimi;

/// <summary>
/// The whole service with its worker (imports really run: download, qemu-img inspection, blob store), allowed to fetch
/// from loopback, where the test's file servers are; packages are not checked (no mirror needed).
/// </summary>
public sealed class CimiWorkerKiln : KilnFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kiln:CheckPackages", "false");
        builder.UseSetting("Kiln:BuildConcurrency", "2");
        builder.UseSetting("Kiln:StatusInterval", "00:00:00.2");
        builder.UseSetting("Kiln:HeartbeatInterval", "00:00:00.5");
        builder.UseSetting("Kiln:ImportFromLocalAddresses", "true");
        builder.UseSetting("Kiln:ImportStallTimeout", "00:00:30");
    }
}

/// <summary>The service with its worker, a server of files (<see cref="StaticFileServer"/>) and one that holds answers back (<see cref="HeldFileServer"/>).</summary>
public sealed class CimiWorkerFixture : IAsyncLifetime
{
    public CimiWorkerKiln Kiln { get; } = new();

    public StaticFileServer Files { get; private set; } = null!;

    public HeldFileServer Held { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Files = await StaticFileServer.StartAsync();
        Held = await HeldFileServer.StartAsync();
        _ = Kiln.Services; // starts the service, its admin and its worker
    }

    public async Task DisposeAsync()
    {
        await Kiln.DisposeAsync();
        await Held.DisposeAsync();
        await Files.DisposeAsync();
    }
}

/// <summary>
/// A loopback HTTP server whose <c>/held/{name}</c> answers only once the test lets it (<see cref="Release"/>), with
/// the bytes given by <see cref="Serve"/>: a job is seen running for as long as the test wants.
/// </summary>
public sealed class HeldFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, TaskCompletionSource Gate)> _files = new(StringComparer.Ordinal);

    private HeldFileServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<HeldFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new HeldFileServer(app);
        app.MapGet("/held/{name}", async (string name, HttpContext context) =>
        {
            if (!server._files.TryGetValue(name, out var file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await file.Gate.Task.WaitAsync(context.RequestAborted);
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = file.Bytes.Length;
            await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>Serves <paramref name="bytes"/> at /held/<paramref name="name"/> once released; returns its URL.</summary>
    public Uri Serve(string name, byte[] bytes)
    {
        _files[name] = (bytes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return new Uri(BaseAddress, "held/" + name);
    }

    public void Release(string name) => _files[name].Gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values)
            file.Gate.TrySetCanceled();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
