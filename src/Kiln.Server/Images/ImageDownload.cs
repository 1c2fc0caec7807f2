using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Kiln.Server.Hosting;

namespace Kiln.Server.Images;

/// <summary>What a download wrote: its size and the SHA-256 of exactly those bytes (lower-case hex).</summary>
internal sealed record DownloadedFile(long Size, string Sha256);

/// <summary>
/// Fetches an image's URL into a local file for an import: streamed to disk (never held in memory), hashed on the
/// way, bounded in size, given up when the server stalls, stopped at once when cancelled. Every way it can fail is an
/// <see cref="ImportFailedException"/> naming the URL and the reason.
/// </summary>
internal static class ImageDownload
{
    public const string Step = "downloading";

    private const int BufferSize = 1024 * 1024;

    /// <summary>
    /// The connection handler imports use: a 30 s connect timeout, no decompression (the file is stored as served),
    /// at most 5 redirects (never from https to http), and, unless <see cref="KilnOptions.ImportFromLocalAddresses"/>,
    /// no connection to this machine's own or link-local addresses, checked on the addresses actually connected to
    /// (a name that resolves to 127.0.0.1 or a redirect to one is refused as well).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(KilnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = options.ImportFromLocalAddresses ? null : ConnectToRemoteAsync,
        };
    }

    /// <summary>
    /// Downloads <paramref name="source"/> into a new file at <paramref name="path"/>; <paramref name="progress"/> hears
    /// the bytes received so far and the announced length (null when the server did not say).
    /// </summary>
    public static async Task<DownloadedFile> DownloadAsync(HttpClient client, Uri source, string path, long maxBytes, TimeSpan stallTimeout,
        Action<long, long?> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(progress);
        var url = Display(source);
        // Renewed before each wait on the server: what times out is silence, not a long download.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long received = 0;
        try
        {
            stall.CancelAfter(stallTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, source);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new ImportFailedException(Step, string.Create(CultureInfo.InvariantCulture,
                    $"{url} answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()}): there is no image to import there."));
            var length = response.Content.Headers.ContentLength;
            if (length > maxBytes)
                throw new ImportFailedException(Step,
                    $"{url} is {Size(length.Value)}, more than the {Size(maxBytes)} an imported image may be (Kiln:MaxImportBytes).");
            progress(0, length);

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var file = Create(path, url);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[BufferSize];
                    while (true)
                    {
                        stall.CancelAfter(stallTimeout);
                        var read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                        if (read == 0)
                            break;
                        received += read;
                        if (received > maxBytes)
                            throw new ImportFailedException(Step,
                                $"{url} sent more than {Size(maxBytes)}, the most an imported image may be (Kiln:MaxImportBytes).");
                        hash.AppendData(buffer, 0, read);
                        try
                        {
                            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        }
                        catch (IOException e)
                        {
                            throw new ImportFailedException(Step, $"Cannot write the download of {url} to disk: {e.Message}", null, e);
                        }
                        progress(received, length);
                    }
                }
            }
            if (received == 0)
                throw new ImportFailedException(Step, $"{url} answered with an empty file: there is no image to import there.");
            return new DownloadedFile(received, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (OperationCanceledException e) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ImportFailedException(Step, string.Create(CultureInfo.InvariantCulture,
                $"{url} sent nothing for {stallTimeout.TotalSeconds:0} s{(received > 0 ? $" (after {Size(received)})" : "")}: the download was given up."), null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The connect timeout, or the connection dropped while a read was cancelled by the handler.
            throw new ImportFailedException(Step, $"Cannot download {url}: {Reasons(e)}", null, e);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportFailedException(Step, $"Cannot download {url}: {Reasons(e)}", null, e);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Reading the body: the connection broke off (a premature end of a Content-Length body included).
            throw new ImportFailedException(Step, string.Create(CultureInfo.InvariantCulture,
                $"The download of {url} broke off after {Size(received)}: {Reasons(e)}"), null, e);
        }
    }

    private static FileStream Create(string path, string url)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
                Options = FileOptions.Asynchronous, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException e)
        {
            throw new ImportFailedException(Step, $"Cannot write the download of {url} to disk: {e.Message}", null, e);
        }
    }

    /// <summary>The URL as shown in statuses: without any user name or password it carries.</summary>
    public static string Display(Uri source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.IsAbsoluteUri
            ? source.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
            : source.OriginalString;
    }

    /// <summary>"3.5 MiB (3670016 bytes)", "64 GiB (68719476736 bytes)".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB ({bytes} bytes)"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB ({bytes} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>An exception's message and those of its causes, each once: "An error occurred while sending the request: Connection refused (127.0.0.1:9)".</summary>
    private static string Reasons(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            var message = current.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                messages.Add(message);
        }
        return string.Join(": ", messages) + ".";
    }

    /// <summary>Connects as SocketsHttpHandler would, to the host's addresses that are neither this machine's own nor link-local.</summary>
    private static async ValueTask<Stream> ConnectToRemoteAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        // A connection to the proxy the operator configured (HTTP_PROXY...) may be local; every other one is checked.
        var request = context.InitialRequestMessage.RequestUri;
        var proxy = request is null || HttpClient.DefaultProxy.IsBypassed(request) ? null : HttpClient.DefaultProxy.GetProxy(request);
        var toProxy = proxy is not null && proxy.Port == endpoint.Port && string.Equals(proxy.IdnHost.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase);
        var allowed = toProxy ? addresses : addresses.Where(a => LocalKind(a) is null).ToArray();
        if (allowed.Length == 0)
        {
            var refused = addresses.FirstOrDefault();
            throw new HttpRequestException(refused is null
                ? $"{host} has no address"
                : $"{host} is {(refused.ToString() == host ? "" : refused + ", ")}{LocalKind(refused)}: imports do not fetch from this machine's own or link-local addresses (Kiln:ImportFromLocalAddresses)");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Why an address is this machine's own or link-local, or null when it is not.</summary>
    internal static string? LocalKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return "a loopback address";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return "the unspecified address (this machine)";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes switch
            {
                [0, ..] => "in 0.0.0.0/8 (this machine)",
                [169, 254, ..] => "a link-local address (where cloud metadata services answer)",
                [>= 224, ..] => "a multicast or reserved address",
                _ => null,
            };
        }
        if (address.IsIPv6LinkLocal)
            return "a link-local address";
        if (address.IsIPv6Multicast)
            return "a multicast address";
        return null;
    }
}
