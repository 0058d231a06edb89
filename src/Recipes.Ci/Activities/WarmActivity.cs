using Microsoft.Extensions.Logging;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Base of the warm-dependency and housekeeping activities, which work for no run: an unexpected exception becomes
/// the <c>Error</c> outcome (with the message in <c>Error</c>) so the flow can alert instead of faulting; the
/// reconciler then goes on with the next dependency. Cancellation is not caught.
/// </summary>
public abstract class WarmActivity(ILogger logger) : Activity
{
    [Output(Description = "Why the activity took the Error outcome.")]
    public string? Error { get; set; }

    public sealed override async ValueTask ExecuteAsync(ActivityContext context)
    {
        try
        {
            context.Complete(await RunAsync(context));
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "{Activity} failed", context.Node.Type);
            context.Log("Error", e.Message);
            context.SetOutput(nameof(Error), e.Message);
            context.Complete(RecipeActivity.ErrorOutcome);
        }
    }

    /// <summary>Does the work and returns the outcome.</summary>
    protected abstract Task<string> RunAsync(ActivityContext context);

    protected static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"Input {name} is required.") : value.Trim();
}
