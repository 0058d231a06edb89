using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

/// <summary>
/// The engine's retry timing on a <see cref="FakeTimeProvider"/> behind the production clock adapter
/// (<see cref="SystemWorkflowClock"/>), where <see cref="IncidentAndDurabilityTests"/> uses a clock whose waits return
/// at once: here a retry waits on the TimeProvider's own timers, so nothing may run before the fake clock reaches it.
/// </summary>
public sealed class RetryTimingTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_retry_waits_its_exponential_backoff_on_the_TimeProvider_and_not_a_tick_less()
    {
        var test = new TestHost(ActivityRegistry(), new SystemWorkflowClock(time));
        var custom = new JsonObject
        {
            ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 3, ["delay"] = "00:00:02", ["backoffFactor"] = 2, ["jitter"] = false },
        };
        var run = test.RunAsync(Workflow(Flowchart("fc",
            [Activity("flaky", "Test.Flaky", ("failTimes", Literal(2)), ("customProperties", custom)), WriteLine("after", "after")],
            [Connect("flaky", "after")])));

        // Half a second of fake time per step, with a moment of real time for the engine to reach its next timer.
        for (var step = 0; step < 200 && !run.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }
        var result = await run;

        Assert.True(result.SubStatus == WorkflowSubStatus.Finished, $"{result.SubStatus}: {result.IncidentsJson}");
        var journal = (await test.JournalAsync(result.Id)).Where(j => j.ActivityId == "flaky").OrderBy(j => j.Timestamp).ToList();
        var retrying = journal.Where(j => j.EventName == "Retrying").ToList();
        Assert.Equal(2, retrying.Count);
        // Each retry is due its backoff after the failure, on the fake clock: 2 s, then 2 s x 2.
        var due = retrying.Select(NextAt).ToList();
        Assert.Equal(retrying[0].Timestamp + TimeSpan.FromSeconds(2), due[0]);
        Assert.Equal(retrying[1].Timestamp + TimeSpan.FromSeconds(4), due[1]);
        // ... and no attempt ran before its retry was due: the second failed at or after the first due time, and the
        // activity's last journal entry (its successful third attempt) is at or after the second.
        Assert.True(retrying[1].Timestamp >= due[0], $"attempt 2 failed at {retrying[1].Timestamp:O}, before its retry was due at {due[0]:O}");
        Assert.True(journal[^1].Timestamp >= due[1], $"attempt 3 ran at {journal[^1].Timestamp:O}, before its retry was due at {due[1]:O}");
        Assert.Equal(["after"], test.Lines.Texts);
    }

    private static Workflows.Core.Activities.ActivityRegistry ActivityRegistry() =>
        Workflows.Core.Activities.ActivityRegistry.CreateWithBuiltIns().Register<Flaky>();

    private static DateTimeOffset NextAt(WorkflowExecutionLogRecord entry)
    {
        var message = entry.Message ?? "";
        var at = message.LastIndexOf("next at ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no due time in '{message}'");
        return DateTimeOffset.Parse(message[(at + "next at ".Length)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }
}
