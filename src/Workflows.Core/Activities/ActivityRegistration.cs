using System.Reflection;
using Workflows.Core.Descriptors;

namespace Workflows.Core.Activities;

/// <summary>A registered activity type: its descriptor, CLR type, input properties and how to create it.</summary>
public sealed record ActivityRegistration(
    ActivityDescriptor Descriptor,
    Type ActivityType,
    IReadOnlyList<PropertyInfo> InputProperties,
    Func<IServiceProvider, Activity> Factory)
{
    /// <summary>The definition version this type runs, when it is a workflow used as an activity.</summary>
    public Persistence.StoredWorkflowDefinition? WorkflowDefinition { get; init; }

    /// <summary>Changes nothing outside the workflow's state: no commit before it runs (see <see cref="SideEffectFreeAttribute"/>).</summary>
    public bool SideEffectFree { get; init; }
}
