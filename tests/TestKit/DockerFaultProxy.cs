using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TestKit;

/// <summary>
/// A test double at the Docker Engine API boundary: a unix socket that forwards every request to the real engine,
/// except that the first <c>failures</c> requests matching a rule are answered with an error status and the engine's
/// error body (<c>{"message": ...}</c>), as dockerd answers when it is unavailable (503) or refuses a spec (400). Give
/// its <see cref="Endpoint"/> to recipeci as <c>Docker:Endpoint</c>. Streaming answers are copied as they come;
/// connection upgrades (attach) are not supported.
/// </summary>
public sealed class DockerFaultProxy : IAsyncDisposable
{
    private readonly TempFolder _folder = new("docker-proxy");
    private readonly Func<HttpRequest, bool> _rule;
    private readonly int _status;
    private readonly HttpClient _engine;
    private WebApplication? _app;
    private int _remaining;
    private int _injected;

    private DockerFaultProxy(Func<HttpRequest, bool> rule, int failures, int status)
    {
        _rule = rule;
        _remaining = failures;
        _status = status;
        var engineSocket = TestEnvironment.DockerEndpoint.LocalPath;
        _engine = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(engineSocket), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = new Uri("http://docker"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public string SocketPath => Path.Combine(_folder.Path, "docker.sock");

    public Uri Endpoint => new("unix://" + SocketPath);

    /// <summary>How many requests were answered with the injected error.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Matches Docker's <c>POST /v1.x/services/create</c>.</summary>
    public static bool ServiceCreate(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/services/create", StringComparison.Ordinal) == true;

    public static async Task<DockerFaultProxy> StartAsync(Func<HttpRequest, bool> rule, int failures, int status)
    {
        var proxy = new DockerFaultProxy(rule, failures, status);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(proxy.SocketPath));
        proxy._app = builder.Build();
        proxy._app.Run(proxy.HandleAsync);
        await proxy._app.StartAsync();
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_rule(context.Request) && Interlocked.Decrement(ref _remaining) >= 0)
        {
            Interlocked.Increment(ref _injected);
            context.Response.StatusCode = _status;
            await context.Response.WriteAsJsonAsync(new { message = $"injected by the test's Docker proxy: status {_status}" });
            return;
        }
        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        using var response = await _engine.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[name] = values.ToArray();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _engine.Dispose();
        _folder.Dispose();
    }
}
