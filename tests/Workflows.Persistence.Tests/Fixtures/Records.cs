using Workflows.Core.Persistence;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>Sample records with every field set (so a round-trip test notices any column that is lost).</summary>
public static class Records
{
    /// <summary>A fixed, non-UTC-offset moment with sub-millisecond precision truncated to microseconds (PostgreSQL's resolution).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2));

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static StoredWorkflowDefinition Definition(string definitionId, int version, bool isLatest = false, bool isPublished = false, string? name = null) => new()
    {
        Id = $"{definitionId}-v{version}",
        DefinitionId = definitionId,
        Version = version,
        IsLatest = isLatest,
        IsPublished = isPublished,
        Name = name ?? definitionId,
        CreatedAt = T0.AddMinutes(version),
        Json = $$$"""{"definitionId":"{{{definitionId}}}","version":{{{version}}},"root":{"type":"Elsa.Flowchart"}}""",
        ContentHash = $"sha256:{definitionId}:{version}",
    };

    public static WorkflowInstanceRecord Instance(
        string? id = null,
        WorkflowStatus status = WorkflowStatus.Running,
        WorkflowSubStatus subStatus = WorkflowSubStatus.Executing,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? finishedAt = null,
        string definitionId = "sample") => new()
    {
        Id = id ?? NewId(),
        DefinitionId = definitionId,
        DefinitionVersionId = $"{definitionId}-v1",
        Version = 1,
        Name = "Sample instance",
        Status = status,
        SubStatus = subStatus,
        CorrelationId = "corr-" + NewId(),
        ParentInstanceId = "parent-1",
        InputJson = """{"branch":"main"}""",
        OutputJson = """{"result":42}""",
        VariablesJson = """{"counter":3,"name":"x"}""",
        ExecutionStateJson = """{"scheduler":["a1"],"counters":{"a1":1}}""",
        IncidentsJson = """[{"activityId":"a2","message":"boom"}]""",
        IncidentCount = 1,
        CreatedAt = createdAt ?? T0,
        UpdatedAt = (createdAt ?? T0).AddSeconds(5),
        FinishedAt = finishedAt,
        LeaseOwner = "node-a",
        LeaseExpiresAt = T0.AddMinutes(1),
    };

    public static ActivityExecutionRecord Execution(string instanceId, string activityId, DateTimeOffset startedAt, string status = "Completed") => new()
    {
        Id = NewId(),
        WorkflowInstanceId = instanceId,
        ActivityId = activityId,
        ActivityNodeId = $"Workflow1:Flowchart1:{activityId}",
        ActivityType = "Elsa.SetVariable",
        ActivityTypeVersion = 2,
        ActivityName = "Set " + activityId,
        Status = status,
        OutcomesJson = """["Done"]""",
        InputsJson = """{"value":1}""",
        OutputsJson = """{"result":1}""",
        Exception = status == "Faulted" ? "System.Exception: boom" : null,
        HasBookmarks = false,
        StartedAt = startedAt,
        CompletedAt = startedAt.AddMilliseconds(3),
    };

    public static WorkflowExecutionLogRecord Log(string instanceId, long sequence, string eventName = "Completed") => new()
    {
        Id = NewId(),
        WorkflowInstanceId = instanceId,
        ActivityInstanceId = "ai-" + sequence,
        ParentActivityInstanceId = "ai-root",
        ActivityId = "a" + sequence,
        ActivityNodeId = "Workflow1:Flowchart1:a" + sequence,
        ActivityType = "Elsa.WriteLine",
        Timestamp = T0.AddSeconds(sequence),
        Sequence = sequence,
        EventName = eventName,
        Message = "message " + sequence,
        PayloadJson = """{"text":"hello"}""",
    };

    public static BookmarkRecord Bookmark(string instanceId, string hash, DateTimeOffset? resumeAt = null, string name = "Elsa.Delay") => new()
    {
        Id = NewId(),
        Name = name,
        Hash = hash,
        PayloadJson = """{"resumeAt":"2026-03-14T15:00:00Z"}""",
        WorkflowInstanceId = instanceId,
        ActivityInstanceId = "ai-" + NewId(),
        ActivityId = "delay1",
        CorrelationId = "corr-b",
        CreatedAt = T0,
        ResumeAt = resumeAt,
    };

    public static TriggerRecord Trigger(string definitionId, string hash, string name = "Elsa.HttpEndpoint") => new()
    {
        Id = NewId(),
        WorkflowDefinitionId = definitionId,
        WorkflowDefinitionVersionId = definitionId + "-v1",
        ActivityId = "http1",
        Name = name,
        Hash = hash,
        PayloadJson = """{"path":"/hook","methods":["POST"]}""",
    };
}
