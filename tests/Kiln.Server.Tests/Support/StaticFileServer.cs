using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kiln.Server.Tests.Support;

/// <summary>
/// A real HTTP server on a loopback port for import tests (Kestrel; the service under test fetches from it over TCP):
/// <list type="bullet">
/// <item><c>/files/{name}</c>: the file from <see cref="Directory"/>, with its Content-Length;</item>
/// <item><c>/chunked/{name}</c>: the same without Content-Length (chunked);</item>
/// <item><c>/missing</c>: 404;</item>
/// <item><c>/huge</c>: announces a terabyte, sends 64 KiB, then waits for the client to hang up;</item>
/// <item><c>/stall</c>: announces 1 MiB, sends 16 KiB, then nothing;</item>
/// <item><c>/slow</c>: announces <see cref="SlowLength"/> and sends 16 KiB every 100 ms until the client hangs up.</item>
/// </list>
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    public const long SlowLength = 8L * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly TempDirectory _files;

    private StaticFileServer(WebApplication app, TempDirectory files)
    {
        _app = app;
        _files = files;
    }

    /// <summary>Where served files live: put them here (<see cref="TempDirectory.WriteFile(string, byte[])"/>, qemu-img).</summary>
    public TempDirectory Directory => _files;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many requests the server received.</summary>
    public int Requests => _requests;

    /// <summary>How many requests /slow answered (to know a download started).</summary>
    public int SlowRequests => _slowRequests;

    /// <summary>How many /slow answers ended because the client went away.</summary>
    public int SlowAbandoned => _slowAbandoned;

    private int _requests;
    private int _slowRequests;
    private int _slowAbandoned;

    public static async Task<StaticFileServer> StartAsync()
    {
        var files = new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StaticFileServer(app, files);
        app.Use(next => context =>
        {
            Interlocked.Increment(ref server._requests);
            return next(context);
        });
        app.MapGet("/files/{name}", (string name) => Serve(files, name) is { } path
            ? Results.File(path, "application/octet-stream")
            : Results.NotFound());
        app.MapGet("/chunked/{name}", async (string name, HttpContext context) =>
        {
            if (Serve(files, name) is not { } path)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "application/octet-stream";
            await using var file = File.OpenRead(path);
            await file.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/huge", async (HttpContext context) =>
        {
            context.Response.ContentLength = 1L << 40;
            await SendUntilAbortedAsync(context, chunks: 4, delay: TimeSpan.Zero);
        });
        app.MapGet("/stall", async (HttpContext context) =>
        {
            context.Response.ContentLength = 1024 * 1024;
            await SendUntilAbortedAsync(context, chunks: 1, delay: TimeSpan.Zero);
        });
        app.MapGet("/slow", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._slowRequests);
            context.Response.ContentLength = SlowLength;
            if (!await SendUntilAbortedAsync(context, chunks: int.MaxValue, delay: TimeSpan.FromMilliseconds(100)))
                Interlocked.Increment(ref server._slowAbandoned);
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Sends zeros in 16 KiB chunks, then waits; false when the client hung up first.</summary>
    private static async Task<bool> SendUntilAbortedAsync(HttpContext context, int chunks, TimeSpan delay)
    {
        var chunk = new byte[16 * 1024];
        try
        {
            for (var i = 0; i < chunks && (long)i * chunk.Length < context.Response.ContentLength; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (delay > TimeSpan.Zero)
                    await Task.Delay(delay, context.RequestAborted);
            }
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            context.Abort();
            return false;
        }
    }

    private static string? Serve(TempDirectory files, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && File.Exists(files.Combine(name)) ? files.Combine(name) : null;

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _files.Dispose();
    }

    public override string ToString() => BaseAddress.ToString();
}
