using Workflows.Core.Activities;
using Workflows.Core.Expressions;
using Workflows.Core.Management;
using Workflows.Core.Persistence.InMemory;

namespace Workflows.Core.Runtime;

/// <summary>
/// Everything needed to run workflows in one process with in-memory stores: registry, stores, engine,
/// definition service and runner. Used by <c>recipeci run</c>, <c>recipeci workflows validate</c> and tests.
/// </summary>
public sealed class InProcessWorkflowHost
{
    public InProcessWorkflowHost(ActivityRegistry? registry = null, IWriteLineSink? lines = null, IWorkflowClock? clock = null, IServiceProvider? services = null,
        JavaScriptOptions? javaScript = null, Microsoft.Extensions.Logging.ILogger? logger = null, CSharpEvaluator? csharpEvaluator = null)
    {
        Registry = registry ?? ActivityRegistry.CreateWithBuiltIns();
        Clock = clock ?? new SystemWorkflowClock();
        var engineServices = new WorkflowEngineServices
        {
            Clock = Clock,
            Lines = lines ?? new ConsoleWriteLineSink(),
            Dispatcher = Dispatcher,
            Triggers = Triggers,
            JavaScript = javaScript ?? new JavaScriptOptions(),
            CSharp = csharpEvaluator ?? new CSharpEvaluator(),
        };
        // The engine opens a log scope per activity step on its logger: recipeci run reads the current step from it.
        if (logger is not null)
            engineServices = engineServices with { Logger = logger };
        if (services is not null)
            engineServices = engineServices with { ServiceProvider = services };
        Engine = new WorkflowEngine(Registry, Definitions, Instances, Instances, engineServices);
        Validator = new WorkflowValidator(Registry, engineServices.ServiceProvider, engineServices.CSharp, engineServices.Liquid);
        DefinitionService = new WorkflowDefinitionService(Definitions, Triggers, Validator, new TriggerIndexer(Registry, engineServices.ServiceProvider), TimeProvider.System,
            activities: Registry);
        Runner = new InProcessWorkflowRunner(Engine, Instances, Instances, Dispatcher, Clock);
    }

    public ActivityRegistry Registry { get; }
    public IWorkflowClock Clock { get; }
    public InMemoryWorkflowDefinitionStore Definitions { get; } = new();
    public InMemoryWorkflowInstanceStore Instances { get; } = new();
    public InMemoryTriggerStore Triggers { get; } = new();
    public InProcessWorkflowDispatcher Dispatcher { get; } = new();
    public WorkflowEngine Engine { get; }
    public WorkflowValidator Validator { get; }
    public WorkflowDefinitionService DefinitionService { get; }
    public InProcessWorkflowRunner Runner { get; }
}
