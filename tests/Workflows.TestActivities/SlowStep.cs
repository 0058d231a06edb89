using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Workflows.TestActivities;

/// <summary>
/// Test-only: an activity that takes a while (so a test can kill the server inside it). A server loads it only when
/// <c>Runtime:TestActivities</c> is true and this assembly lies beside it (test builds). Cancelling the workflow ends the wait.
/// </summary>
[Activity("Testing", "SlowStep", Category = "Testing", Description = "Wait inside the activity (test servers only).")]
public sealed class SlowStep : Activity
{
    [Input(Description = "How long the activity runs, in milliseconds.", DefaultValueJson = "1000")]
    public int Milliseconds { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, Milliseconds)), context.CancellationToken);
        context.Complete();
    }
}
