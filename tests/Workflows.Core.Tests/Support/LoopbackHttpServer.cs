using System.Net;
using System.Text;

namespace Workflows.Core.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) for the HTTP request activities: <c>/ok</c> answers 200 JSON,
/// <c>/missing</c> 404 text, <c>/echo</c> 201 with the request body; every request is recorded.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        Port = TestKit.FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";
    public List<(string Method, string Path, string Body, string? Authorization, string? RunHeader)> Requests { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath.Trim('/');
            lock (Requests)
                Requests.Add((context.Request.HttpMethod, path, body, context.Request.Headers["Authorization"], context.Request.Headers["X-Run"]));
            var (status, type, text) = path switch
            {
                "ok" => (200, "application/json", "{\"status\":\"green\"}"),
                "echo" => (201, "text/plain", body),
                _ => (404, "text/plain", "no such page"),
            };
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
