using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Base of the warm-dependency and housekeeping activities, which work for no run. Errors are not caught: the engine
/// retries transient ones under the flow's retry policy (<see cref="TransientErrors"/>), then records an incident and
/// follows the activity's <see cref="FaultPort"/> (<c>Error</c>, with the message in the <c>Error</c> output), so the
/// flow alerts and the reconciler goes on with the next dependency.
/// Every activity of this base has the fault port, declared here once (after the activity's own ports).
/// </summary>
[FlowPort(FaultPort.Name)]
public abstract class WarmActivity(ILogger logger) : Activity
{
    [Output(Description = "Why the activity faulted (the flow then takes the Error port).")]
    public string? Error { get; set; }

    public sealed override async ValueTask ExecuteAsync(ActivityContext context) => context.Complete(await RunAsync(context, context.CancellationToken));

    public override bool IsRetriable(Exception exception) => TransientErrors.IsTransient(exception);

    public override ValueTask OnFaultedAsync(ActivityContext context, Exception exception)
    {
        logger.LogError(exception, "{Activity} failed", context.Node.Type);
        return ValueTask.CompletedTask;
    }

    /// <summary>Does the work and returns the outcome; throws on an error.</summary>
    protected abstract Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken);

    protected static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"Input {name} is required.") : value.Trim();
}
