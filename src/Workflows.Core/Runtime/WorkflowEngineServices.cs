using Workflows.Core.Expressions;

namespace Workflows.Core.Runtime;

/// <summary>The collaborators activities and the engine use; replace any of them in tests or hosts.</summary>
public sealed record WorkflowEngineServices
{
    public IWorkflowClock Clock { get; init; } = new SystemWorkflowClock();
    public IWriteLineSink Lines { get; init; } = new ConsoleWriteLineSink();

    /// <summary>Receives child runs and resumptions; without one, DispatchWorkflow faults.</summary>
    public IWorkflowDispatcher? Dispatcher { get; init; }

    /// <summary>Constructor dependencies of custom activities.</summary>
    public IServiceProvider ServiceProvider { get; init; } = EmptyServiceProvider.Instance;

    public JavaScriptOptions JavaScript { get; init; } = new();

    /// <summary>Identifies this worker in journal entries and leases.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static EmptyServiceProvider Instance { get; } = new();
        public object? GetService(Type serviceType) => null;
    }
}
