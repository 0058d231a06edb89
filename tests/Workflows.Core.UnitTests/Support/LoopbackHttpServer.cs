using System.Net;
using System.Text;

namespace Workflows.Core.UnitTests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) for the HTTP request activities: <c>/ok</c> answers 200 JSON,
/// <c>/missing</c> 404 text, <c>/echo</c> 201 with the request body, <c>/report</c> a binary attachment
/// (<see cref="ReportBytes"/>, filename, ETag, <c>X-Build</c>), <c>/big</c> a chunked body one byte over DownloadHttpFile's
/// limit, <c>/cut</c> a body that stops short; every request is recorded.
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

    /// <summary>The bytes of <c>/report</c>: every byte value, so an encoding slip shows.</summary>
    public static byte[] ReportBytes { get; } = Enumerable.Range(0, 512).Select(i => (byte)(i % 256)).ToArray();

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
            var (status, type, bytes) = path switch
            {
                "ok" => (200, "application/json", Encoding.UTF8.GetBytes("{\"status\":\"green\"}")),
                "echo" => (201, "text/plain", Encoding.UTF8.GetBytes(body)),
                "report" => (200, "application/gzip", ReportBytes),
                "big" => (200, "application/octet-stream", new byte[Workflows.Core.Activities.BuiltIn.DownloadHttpFile.MaxFileBytes + 1]),
                _ => (404, "text/plain", Encoding.UTF8.GetBytes("no such page")),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            if (path == "report")
            {
                context.Response.Headers["Content-Disposition"] = "attachment; filename=\"report-7.tar.gz\"";
                context.Response.Headers["ETag"] = "\"v7\"";
                context.Response.Headers["X-Build"] = "42";
            }
            if (path == "cut")
            {
                // Promises 1000 bytes, sends 10, drops the connection: a body cut off mid-download.
                context.Response.ContentLength64 = 1000;
                await context.Response.OutputStream.WriteAsync(ReportBytes.AsMemory(0, 10));
                context.Response.Abort();
                continue;
            }
            if (path == "big")
                context.Response.SendChunked = true; // no Content-Length: the limit is enforced while reading
            await WriteAsync(context, bytes);
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, byte[] bytes)
    {
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // the client stopped reading (DownloadHttpFile over its limit)
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
