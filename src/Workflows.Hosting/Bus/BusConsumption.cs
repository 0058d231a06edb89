using System.Collections.Concurrent;
using MassTransit;

namespace Workflows.Hosting.Bus;

/// <summary>
/// Whether this node consumes: the state of each receive endpoint (work queue, node queue) as MassTransit reports it.
/// An endpoint is consuming from its Ready event (a consumer is attached to its queue) until it faults or completes
/// (its channel closed). <c>/health</c> and <see cref="BusSupervisor"/> read it.
/// </summary>
public sealed class BusConsumption(TimeProvider time) : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, EndpointState> _endpoints = new();

    /// <summary>The receive endpoints the bus configures; consumption is whole only when all of them are ready.</summary>
    public int ExpectedEndpoints { get; set; } = 2;

    /// <summary>True when every receive endpoint has a consumer on its queue.</summary>
    public bool IsConsuming => _endpoints.Count >= ExpectedEndpoints && _endpoints.Values.All(e => e.Ready);

    /// <summary>Why the node is not consuming, for <c>/health</c>.</summary>
    public string Describe()
    {
        var down = _endpoints.Where(e => !e.Value.Ready).Select(e => $"{e.Key.AbsolutePath.Trim('/')} ({e.Value.Reason} since {e.Value.Since:HH:mm:ss})").ToList();
        if (down.Count > 0)
            return "not consuming from " + string.Join(", ", down);
        return _endpoints.Count < ExpectedEndpoints ? "receive endpoints not started yet" : "consuming";
    }

    /// <summary>Endpoints without a consumer for at least <paramref name="grace"/>, with the endpoint to restart.</summary>
    public IReadOnlyList<(Uri Address, IReceiveEndpoint Endpoint)> DownFor(TimeSpan grace)
    {
        var now = time.GetUtcNow();
        return _endpoints.Where(e => !e.Value.Ready && now - e.Value.Since >= grace)
            .Select(e => (e.Key, e.Value.Endpoint)).ToList();
    }

    public Task Ready(ReceiveEndpointReady ready) => Set(ready, true, "ready");

    public Task Stopping(ReceiveEndpointStopping stopping) => Set(stopping, false, "stopping");

    public Task Completed(ReceiveEndpointCompleted completed) => Set(completed, false, "channel closed");

    public Task Faulted(ReceiveEndpointFaulted faulted) => Set(faulted, false, faulted.Exception?.GetBaseException().Message ?? "faulted");

    private Task Set(ReceiveEndpointEvent e, bool ready, string reason)
    {
        var now = time.GetUtcNow();
        _endpoints.AddOrUpdate(e.InputAddress,
            _ => new EndpointState(e.ReceiveEndpoint, ready, reason, now),
            (_, old) => old.Ready == ready ? old with { Endpoint = e.ReceiveEndpoint, Reason = reason } : new EndpointState(e.ReceiveEndpoint, ready, reason, now));
        return Task.CompletedTask;
    }

    private sealed record EndpointState(IReceiveEndpoint Endpoint, bool Ready, string Reason, DateTimeOffset Since);
}
