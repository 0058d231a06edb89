using System.Net;
using System.Net.Sockets;
using System.Text;
using TestKit;

namespace RecipeCi.Tests.Webhooks;

/// <summary>
/// A loopback TCP relay in front of a server that loses the answer to the first request: it passes that request on,
/// waits for the server to answer, then closes the caller's connection without a word (as a proxy timing out or a
/// network cut would). Later connections are relayed both ways untouched.
/// </summary>
public sealed class LostAnswerProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public LostAnswerProxy(Uri target)
    {
        _target = target;
        var port = FreePort.Next();
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>The number of answers thrown away (1 once the first request went through).</summary>
    public int LostAnswers { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            var first = Interlocked.Increment(ref _connections) == 1;
            _ = Task.Run(() => first ? LoseAnswerAsync(client) : RelayAsync(client));
        }
    }

    private async Task LoseAnswerAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_target.Host, _target.Port);
            var request = await ReadRequestAsync(client.GetStream());
            await server.GetStream().WriteAsync(request);
            // The server has handled the request once its answer starts arriving: then the caller never sees it.
            var buffer = new byte[1];
            await server.GetStream().ReadExactlyAsync(buffer);
            LostAnswers++;
            client.Client.LingerState = new LingerOption(true, 0);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_target.Host, _target.Port);
            var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
        }
    }

    /// <summary>Reads one HTTP/1.1 request: the headers, then Content-Length bytes of body.</summary>
    private static async Task<byte[]> ReadRequestAsync(NetworkStream stream)
    {
        var data = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(data)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) throw new IOException("the caller closed the connection mid-request");
            data.AddRange(buffer.AsSpan(0, read).ToArray());
        }
        var headers = Encoding.ASCII.GetString(data.ToArray(), 0, headerEnd);
        var length = headers.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        while (data.Count < headerEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) throw new IOException("the caller closed the connection mid-body");
            data.AddRange(buffer.AsSpan(0, read).ToArray());
        }
        return data.ToArray();
    }

    private static int IndexOfHeaderEnd(List<byte> data)
    {
        for (var i = 0; i + 3 < data.Count; i++)
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
                return i;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
