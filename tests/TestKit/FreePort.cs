using System.Net;
using System.Net.Sockets;

namespace TestKit;

/// <summary>Finds a free TCP port on 127.0.0.1 for a test container that uses host networking.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
