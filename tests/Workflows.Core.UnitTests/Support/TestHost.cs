using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Expressions;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace Workflows.Core.UnitTests.Support;

/// <summary>An in-process host with collected lines and a fast-forward clock.</summary>
public sealed class TestHost
{
    public TestHost(ActivityRegistry? registry = null, IWorkflowClock? clock = null, JavaScriptOptions? javaScript = null)
    {
        Clock = clock ?? new FastForwardClock();
        Host = new InProcessWorkflowHost(registry, Lines, Clock, javaScript: javaScript);
    }

    public CollectingWriteLineSink Lines { get; } = new();
    public IWorkflowClock Clock { get; }
    public InProcessWorkflowHost Host { get; }

    public async Task<StoredWorkflowDefinition> ImportAsync(string json, string file = "test.json") =>
        await Host.DefinitionService.ImportAsync(json, file, CancellationToken.None);

    public async Task<WorkflowInstanceRecord> RunAsync(string json, JsonObject? input = null, CancellationToken cancellationToken = default)
    {
        var definition = await ImportAsync(json);
        return await Host.Runner.RunAsync(definition, new WorkflowStartOptions { Input = input ?? [] }, cancellationToken);
    }

    public async Task<IReadOnlyList<ActivityExecutionRecord>> ExecutionsAsync(string instanceId) =>
        await Host.Instances.ListActivityExecutionsAsync(instanceId, CancellationToken.None);

    public async Task<IReadOnlyList<WorkflowExecutionLogRecord>> JournalAsync(string instanceId) =>
        (await Host.Instances.ListExecutionLogAsync(instanceId, PageArgs.All, CancellationToken.None)).Items;
}
