using System.Net;
using System.Net.Sockets;

namespace Kiln.Machines;

/// <summary>Ports of the host's loopback for QEMU to listen on.</summary>
public static class LoopbackPorts
{
    /// <summary>A port free now (the kernel's pick); another process may take it before QEMU does, and then QEMU says so when it starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
