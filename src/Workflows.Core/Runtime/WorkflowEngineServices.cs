using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Core.Expressions;

namespace Workflows.Core.Runtime;

/// <summary>The collaborators activities and the engine use; replace any of them in tests or hosts.</summary>
public sealed record WorkflowEngineServices
{
    public IWorkflowClock Clock { get; init; } = new SystemWorkflowClock();
    public IWriteLineSink Lines { get; init; } = new ConsoleWriteLineSink();

    /// <summary>Receives child runs and resumptions; without one, DispatchWorkflow faults.</summary>
    public IWorkflowDispatcher? Dispatcher { get; init; }

    /// <summary>
    /// Where PublishEvent finds the published workflows an <c>Event</c> trigger starts; without one, an event only resumes
    /// the instances waiting for it.
    /// </summary>
    public Persistence.ITriggerStore? Triggers { get; init; }

    /// <summary>Constructor dependencies of custom activities.</summary>
    public IServiceProvider ServiceProvider { get; init; } = EmptyServiceProvider.Instance;

    public JavaScriptOptions JavaScript { get; init; } = new();

    /// <summary>Compiled C# expressions; share the instance with the validator so validation's compiles are reused.</summary>
    public CSharpEvaluator CSharp { get; init; } = new();

    /// <summary>Parsed Liquid templates; share it with the validator like <see cref="CSharp"/>.</summary>
    public LiquidEvaluator Liquid { get; init; } = new();

    /// <summary>
    /// Also commit when an activity starts, before its body runs (the in-flight work item stays queued in the stored
    /// state). A crash inside the activity then shows in the journal as a second Started entry ("Attempt 2") when
    /// another worker re-runs it, at the price of one more commit per activity. Side-effect-free activities
    /// (<see cref="Activities.SideEffectFreeAttribute"/>) skip it: only their state after the step is committed.
    /// </summary>
    public bool CommitBeforeExecute { get; init; }

    /// <summary>
    /// Poison steps (with <see cref="CommitBeforeExecute"/>): once this many attempts of one step never finished, because
    /// the process running it went down (a crash, a kill, a step still running at the shutdown deadline), the instance
    /// faults with an incident naming the step instead of running it again at every start or recovery.
    /// </summary>
    public int MaxUnfinishedAttempts { get; init; } = 2;

    /// <summary>
    /// Opens a log scope around every activity step (WorkflowInstanceId, WorkflowDefinitionId, ActivityId,
    /// ActivityType), so whatever the activity and its services log carries them; no logging without one.
    /// </summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Identifies this worker in journal entries and leases.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static EmptyServiceProvider Instance { get; } = new();
        public object? GetService(Type serviceType) => null;
    }
}
