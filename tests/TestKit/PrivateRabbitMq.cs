using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TestKit;

/// <summary>
/// A RabbitMQ node of the test's own (own node name, AMQP and distribution ports, data folder and Erlang cookie), so a
/// test can stop and start the broker without touching the shared one on 5672. Uses the installed
/// <c>rabbitmq-server</c> and <c>rabbitmqctl</c> (Debian package), without the management plugin. Stopped and its
/// folder deleted on dispose.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    private const string Scripts = "/usr/lib/rabbitmq/bin";
    private readonly TempFolder _folder;
    private readonly Process _server;
    private readonly StringBuilder _output = new();

    private PrivateRabbitMq(TempFolder folder, string nodeName, int port, Process server)
    {
        _folder = folder;
        NodeName = nodeName;
        Port = port;
        _server = server;
        _server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
    }

    public string NodeName { get; }
    public int Port { get; }
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static async Task<PrivateRabbitMq> StartAsync(string purpose)
    {
        var folder = new TempFolder("rabbit-" + purpose);
        var nodeName = UniqueName.For(purpose) + "@localhost";
        var port = FreePort.Next();
        var distributionPort = FreePort.Next();
        File.WriteAllText(Path.Combine(folder.Path, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(folder.Path, "rabbitmq.conf"), "loopback_users = none\n");
        var info = new ProcessStartInfo(Path.Combine(Scripts, "rabbitmq-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment(folder.Path, nodeName))
            info.Environment[key] = value;
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        info.Environment["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder.Path, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(folder.Path, "log");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder.Path, "enabled_plugins");
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder.Path, "rabbitmq");
        info.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder.Path, "rabbitmq-env.conf");
        var server = Process.Start(info) ?? throw new InvalidOperationException("could not start rabbitmq-server");
        var rabbit = new PrivateRabbitMq(folder, nodeName, port, server);
        try
        {
            await rabbit.AwaitStartupAsync(TimeSpan.FromSeconds(120));
            return rabbit;
        }
        catch
        {
            await rabbit.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>rabbitmqctl stop_app</c>: the broker closes every connection and refuses new ones; the node stays up.</summary>
    public Task StopAppAsync() => CtlAsync("stop_app");

    /// <summary><c>rabbitmqctl start_app</c>, then waits until the broker accepts connections again.</summary>
    public async Task StartAppAsync()
    {
        await CtlAsync("start_app");
        await AwaitStartupAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until the node runs and its broker has started (the CLI fails while the node is not up yet).</summary>
    private async Task AwaitStartupAsync(TimeSpan timeout)
    {
        InvalidOperationException? last = null;
        await Eventually.UntilAsync(async () =>
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"rabbitmq-server {NodeName} exited at start:\n{Output}");
            try
            {
                await CtlAsync("await_startup", "--timeout", "30");
                return true;
            }
            catch (InvalidOperationException e)
            {
                last = e;
                return false;
            }
        }, timeout, () => $"rabbitmq-server {NodeName} did not start: {last?.Message}\n{Output}", TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Every queue of the default virtual host with its ready and unacknowledged message counts.</summary>
    public async Task<IReadOnlyList<(string Name, int Messages)>> ListQueuesAsync()
    {
        var text = await CtlAsync("list_queues", "--quiet", "--no-table-headers", "name", "messages");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out _))
            .Select(parts => (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node and returns its standard output; throws on a non-zero exit.</summary>
    public async Task<string> CtlAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(Scripts, "rabbitmqctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(NodeName);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in Environment(_folder.Path, NodeName))
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run rabbitmqctl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}\n{await stdout}\n--- server ---\n{Output}");
        return await stdout;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_server.HasExited)
                await CtlAsync("stop");
        }
        catch (InvalidOperationException)
        {
            // Could not stop it cleanly: kill it below.
        }
        if (!_server.HasExited)
            _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _folder.Dispose();
    }

    /// <summary>The node's name and its own Erlang cookie (a HOME of its own), shared by the server and the CLI.</summary>
    private static IEnumerable<(string Key, string Value)> Environment(string folder, string nodeName) =>
    [
        ("HOME", folder),
        ("RABBITMQ_NODENAME", nodeName),
    ];
}
