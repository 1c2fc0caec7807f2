using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kiln.Builder.Tests.Support;

/// <summary>
/// A Debian mirror on http://127.0.0.1:&lt;free port&gt;/ serving files the test puts in it, counting the requests
/// for each path. <see cref="Failing"/> makes it answer 503; disposing it closes the port (connection refused).
/// </summary>
internal sealed class FakeMirror : IDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public FakeMirror()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = $"http://127.0.0.1:{port}/";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between FreePort and Start: try another.
                _listener.Close();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The mirror's root, ending in '/'.</summary>
    public string Url { get; }

    /// <summary>When set, every request gets 503 Service Unavailable.</summary>
    public bool Failing { get; set; }

    public void Serve(string path, byte[] content) => _files[path] = content;

    public int RequestsFor(string path) => _requests.GetValueOrDefault(path);

    public int TotalRequests => _requests.Values.Sum();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var response = context.Response;
        try
        {
            if (Failing || !_files.TryGetValue(path, out var content))
            {
                response.StatusCode = Failing ? 503 : 404;
                response.Close();
                return;
            }
            response.ContentType = "application/octet-stream";
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away or the mirror was closed mid-response.
        }
    }
}
