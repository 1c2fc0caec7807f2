using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kiln.Server.Tests.EndToEnd;

/// <summary>
/// The real service as its own process (kiln-server on Kestrel, loopback), on a data directory that outlives it, so a
/// test can kill it mid-build and start it again on the same catalog. Builds share the test run's base tree cache.
/// </summary>
public sealed class KilnServerProcess : IAsyncDisposable
{
    public const string AdminPassword = "e2e-Adm1n-Pa55";
    public static readonly string TestRoot = Environment.GetEnvironmentVariable("KILN_TEST_ROOT") ?? "/var/tmp/kiln-tests";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KilnServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    /// <summary>What the server wrote so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static string NewDataDirectory() => Directory.CreateDirectory(Path.Combine(TestRoot, "server-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    public static async Task<KilnServerProcess> StartAsync(string dataDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kiln-server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Kiln__DataDirectory"] = dataDirectory;
        start.Environment["Kiln__AdminPassword"] = AdminPassword;
        start.Environment["Kiln__CacheDirectory"] = Path.Combine(TestRoot, "cache");
        start.Environment["Kiln__CacheSizeMiB"] = "8192";
        // Short leases and reconcile periods so that a killed server's build is retried (or failed) within seconds.
        start.Environment["Kiln__LeaseDuration"] = "00:00:06";
        start.Environment["Kiln__HeartbeatInterval"] = "00:00:01";
        start.Environment["Kiln__ReconcileInterval"] = "00:00:02";
        // A guest under TCG takes tens of seconds to shut down after the power button.
        start.Environment["Kiln__MachineStopTimeout"] = "00:02:00";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("kiln-server did not start");
        var server = new KilnServerProcess(process, dataDirectory, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilUpAsync().ConfigureAwait(false);
        return server;
    }

    public HttpClient Client(string login = "admin", string password = AdminPassword) => UForgeClient.Http(BaseAddress, login, password);

    /// <summary>SIGKILL, as a crash or an OOM kill would: no shutdown code runs. The build tool it ran may outlive it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilUpAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"kiln-server exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var status = await client.GetAsync(new Uri("api/status", UriKind.Relative)).ConfigureAwait(false);
                if (status.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new TimeoutException($"kiln-server did not answer /api/status within 60 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
