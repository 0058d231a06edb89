using System.Net.Sockets;

namespace Recipes.Swarm.Docker;

/// <summary>
/// A plain <see cref="HttpClient"/> on the engine's endpoint (unix socket or tcp), for the calls Docker.DotNet does
/// not wrap or wraps too slowly. .NET's own <see cref="SocketsHttpHandler"/> reads chunked bodies in large reads,
/// where Docker.DotNet's unix transport (Microsoft.Net.Http.Client) reads through an 8 KiB buffer.
/// </summary>
public static class EngineHttpClient
{
    public const string ApiVersion = "v1.41";

    /// <summary>No client timeout: archives take as long as their size needs; callers cancel.</summary>
    public static HttpClient Create(DockerOptions options)
    {
        var endpoint = options.Endpoint;
        if (endpoint.Scheme == "unix")
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.LocalPath), ct);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                    return new NetworkStream(socket, ownsSocket: true);
                },
                // Never ask for gzip: the engine would compress the archive (4x slower here) only for us to inflate it.
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = Timeout.InfiniteTimeSpan };
        }
        var scheme = endpoint.Scheme == "https" ? "https" : "http";
        return new HttpClient { BaseAddress = new UriBuilder(endpoint) { Scheme = scheme }.Uri, Timeout = Timeout.InfiniteTimeSpan };
    }
}
