using Recipes.Ci.Alerts;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Raises an alert: a JSON file in <c>Alerts:Root</c> that the relay delivers to the sinks. With a dedupe key it
/// alerts once: no second alert with that key within the window (a held upgrade checked every 15 minutes).
/// </summary>
[Activity("Recipes", "Alert", Category = "Recipes", DisplayName = "Alert",
    Description = "Write an alert file for the relay; with a dedupe key, only once per window.")]
public sealed class AlertActivity(AlertStore store, AlertOnce once, TimeProvider time, ILogger<AlertActivity> logger) : WarmActivity(logger)
{
    [Input(Description = "Severity.", UIHint = "dropdown", Options = ["Info", "Warning", "Critical"], DefaultValueJson = "\"Warning\"", Order = 0)]
    public string? Severity { get; set; }

    [Input(Description = "What raised it, e.g. warm/keycloak.", UIHint = "singleline", Order = 1)]
    public string? Source { get; set; }

    [Input(Description = "One-line title.", UIHint = "singleline", Order = 2)]
    public string? Title { get; set; }

    [Input(Description = "The message.", UIHint = "multiline", Order = 3)]
    public string? Message { get; set; }

    [Input(Description = "Alert once per window for this key; empty alerts every time.", UIHint = "singleline", Order = 4)]
    public string? DedupeKey { get; set; }

    [Input(Description = "The alert-once window in hours.", UIHint = "singleline", TypeName = "Int32", DefaultValueJson = "168", Order = 5)]
    public int WindowHours { get; set; } = 168;

    [Output(Description = "False when an alert with the same dedupe key was already raised within the window.")]
    public bool Raised { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var severity = Enum.TryParse<AlertSeverity>(Severity, ignoreCase: true, out var s) ? s : AlertSeverity.Warning;
        var source = Required(Source, nameof(Source));
        var title = Required(Title, nameof(Title));
        var message = string.IsNullOrWhiteSpace(Message) ? title : Message;
        bool raised;
        if (string.IsNullOrWhiteSpace(DedupeKey))
        {
            await store.WriteAsync(Alerts.Alert.Create(time, severity, source, title, message), cancellationToken);
            raised = true;
        }
        else
            raised = await once.RaiseAsync(DedupeKey.Trim(), TimeSpan.FromHours(Math.Max(1, WindowHours)), severity, source, title, message, null, cancellationToken);
        context.SetOutput(nameof(Raised), raised);
        return FlowPorts.Done;
    }
}
