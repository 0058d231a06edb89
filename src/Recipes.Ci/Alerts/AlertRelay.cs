using Microsoft.Extensions.Logging;

namespace Recipes.Ci.Alerts;

/// <summary>
/// Delivers pending alerts to every sink. Each sink that accepts an alert is recorded at once, so a retry after
/// another sink failed goes only to the sinks still missing it; an alert moves to <c>seen/</c> when every sink
/// has it and otherwise stays, to be retried on the next pass (housekeeping runs one pass each time). With no
/// sinks configured alerts stay in <c>Alerts:Root</c> for the operator to read.
/// </summary>
public sealed class AlertRelay(AlertStore store, IReadOnlyList<IAlertSink> sinks, ILogger<AlertRelay> logger)
{
    public async Task<RelayReport> RelayAsync(CancellationToken cancellationToken)
    {
        var pending = await store.PendingAsync(cancellationToken);
        if (sinks.Count == 0) return new RelayReport(0, pending.Count, []);

        var delivered = 0;
        var failures = new List<string>();
        foreach (var item in pending)
        {
            var done = new HashSet<string>(await store.DeliveredToAsync(item.Alert.Id, cancellationToken));
            foreach (var sink in sinks.Where(s => !done.Contains(s.Id)))
            {
                try
                {
                    await sink.DeliverAsync(item.Alert, cancellationToken);
                    done.Add(sink.Id);
                    await store.RecordDeliveryAsync(item.Alert.Id, done, cancellationToken);
                }
                catch (AlertDeliveryException e)
                {
                    failures.Add($"{item.Alert.Id}: {e.Message}");
                    logger.LogWarning("Alert {AlertId} not delivered: {Problem}", item.Alert.Id, e.Message);
                }
            }
            if (sinks.All(s => done.Contains(s.Id)))
            {
                store.MarkSeen(item);
                delivered++;
            }
        }
        return new RelayReport(delivered, pending.Count - delivered, failures);
    }
}
