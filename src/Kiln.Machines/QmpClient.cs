using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiln.Machines;

/// <summary>
/// A QEMU Machine Protocol connection (JSON lines over the machine's control socket): the greeting, capabilities
/// negotiation, then one command at a time. Events QEMU sends meanwhile (SHUTDOWN, POWERDOWN, ...) are skipped.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private QmpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>Connects and negotiates; <see cref="MachineException"/> when nobody answers on the socket.</summary>
    public static async Task<QmpClient> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new MachineException($"QEMU's control socket '{socketPath}' does not answer: {e.Message}", e);
        }
        var client = new QmpClient(socket);
        try
        {
            var greeting = await client.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (greeting["QMP"] is null)
                throw new MachineException($"'{socketPath}' is not a QEMU control socket: it greeted with {greeting.ToJsonString()}");
            await client.ExecuteAsync("qmp_capabilities", cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a command without arguments and returns its <c>return</c> value; <see cref="MachineException"/> with QEMU's error otherwise.</summary>
    public async Task<JsonNode?> ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(new JsonObject { ["execute"] = command }.ToJsonString() + "\n");
        await _stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var message = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message["event"] is not null)
                continue;
            if (message["error"] is JsonObject error)
                throw new MachineException($"QEMU refused {command}: {error["desc"]?.GetValue<string>() ?? error.ToJsonString()}");
            if (message.ContainsKey("return"))
                return message["return"];
        }
    }

    private async Task<JsonObject> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new MachineException("QEMU closed its control socket");
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new MachineException($"QEMU sent something that is not a QMP message: {line}");
        }
        catch (JsonException e)
        {
            throw new MachineException($"QEMU sent something that is not JSON: {line}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
