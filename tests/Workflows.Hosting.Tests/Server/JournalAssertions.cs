using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Server;

/// <summary>Reading journals: how often each activity started and completed, and when the workflow finished.</summary>
public static class JournalAssertions
{
    public static int Count(IReadOnlyList<JsonNode> journal, string eventName, string? activityId = null) =>
        journal.Count(r => r["eventName"]!.GetValue<string>() == eventName
                           && (activityId is null || r["activityId"]?.GetValue<string>() == activityId));

    /// <summary>Activities whose body started more than once (re-run after a crash).</summary>
    public static IReadOnlyList<string> Rerun(IReadOnlyList<JsonNode> journal) =>
        journal.Where(r => r["eventName"]!.GetValue<string>() == "Started" && r["activityId"] is not null)
            .GroupBy(r => r["activityId"]!.GetValue<string>())
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();

    /// <summary>Every activity completed exactly once and the workflow finished exactly once.</summary>
    public static void CompletedExactlyOnce(IReadOnlyList<JsonNode> journal, string instanceId, IEnumerable<string> activityIds)
    {
        Assert.True(Count(journal, "WorkflowFinished") == 1, $"{instanceId}: WorkflowFinished {Count(journal, "WorkflowFinished")} times");
        foreach (var activityId in activityIds)
        {
            var completed = Count(journal, "Completed", activityId);
            Assert.True(completed == 1, $"{instanceId}: {activityId} completed {completed} times");
        }
    }

    public static DateTimeOffset FinishedAt(IReadOnlyList<JsonNode> journal) =>
        journal.Where(r => r["eventName"]!.GetValue<string>() == "WorkflowFinished")
            .Select(r => r["timestamp"]!.GetValue<DateTimeOffset>())
            .Single();
}
