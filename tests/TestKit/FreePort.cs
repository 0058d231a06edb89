using System.Net;
using System.Net.Sockets;

namespace TestKit;

/// <summary>
/// Finds a free TCP port on 127.0.0.1 for a test server or a test container that uses host networking. The port is
/// taken below the kernel's ephemeral range (32768-60999 on Debian): a port from that range, free when we looked, could
/// be given to any outgoing connection (PostgreSQL, RabbitMQ, HTTP clients of parallel tests) before the server binds
/// it, which CI saw as "address already in use". Below the range only another bind can take it, and binds here all
/// come from this picker, starting at a random place.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;

    public static int Next()
    {
        var start = Random.Shared.Next(First, Last);
        for (var i = 0; i < Last - First; i++)
        {
            var port = First + (start - First + i) % (Last - First);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try the next one.
            }
        }
        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 between {First} and {Last}.");
    }
}
