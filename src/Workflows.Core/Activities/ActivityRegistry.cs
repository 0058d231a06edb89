using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Activities.WorkflowDefinitions;
using Workflows.Core.Descriptors;

namespace Workflows.Core.Activities;

/// <summary>
/// The activity types an engine knows, by (typeName, version). Other assemblies add their own types with
/// <see cref="Register{TActivity}"/>; constructor dependencies are resolved from the engine's service provider.
/// Workflow definitions usable as activities are added and replaced at run time (a publish in Studio), so the map is
/// concurrent; see <see cref="WorkflowActivityTypes"/>.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly ConcurrentDictionary<(string TypeName, int Version), ActivityRegistration> _registrations = [];

    public ActivityRegistry() => WorkflowActivities = new WorkflowActivityTypes();

    /// <summary>Workflow definitions published with <c>options.usableAsActivity</c>, as activity types.</summary>
    public WorkflowActivityTypes WorkflowActivities { get; }

    /// <summary>A registry holding Elsa's built-in activities.</summary>
    public static ActivityRegistry CreateWithBuiltIns()
    {
        var registry = new ActivityRegistry();
        foreach (var type in BuiltInActivities.Types)
            registry.Register(type);
        foreach (var type in Scripting.ScriptingActivities.Types)
            registry.Register(type);
        return registry;
    }

    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        _registrations.Values.Select(r => r.Descriptor)
            .Concat(WorkflowActivities.Descriptors)
            .OrderBy(d => d.TypeName, StringComparer.Ordinal).ThenBy(d => d.Version)
            .ToList();

    public ActivityRegistry Register<TActivity>(Func<IServiceProvider, TActivity>? factory = null) where TActivity : Activity =>
        Register(typeof(TActivity), factory is null ? null : sp => factory(sp));

    /// <summary>Registers a type; throws when its (typeName, version) is already registered.</summary>
    public ActivityRegistry Register(Type activityType, Func<IServiceProvider, Activity>? factory = null)
    {
        if (!typeof(Activity).IsAssignableFrom(activityType))
            throw new ArgumentException($"{activityType.Name} does not derive from Activity.", nameof(activityType));
        var descriptor = ActivityDescriber.Describe(activityType);
        var key = (descriptor.TypeName, descriptor.Version);
        var registration = new ActivityRegistration(
            descriptor,
            activityType,
            ActivityDescriber.InputProperties(activityType),
            factory ?? (sp => (Activity)ActivatorUtilities.CreateInstance(sp, activityType)))
        {
            SideEffectFree = SideEffectFreeBuiltIns.Includes(activityType),
        };
        if (!_registrations.TryAdd(key, registration))
            throw new InvalidOperationException($"Activity {descriptor.TypeName} v{descriptor.Version} is already registered.");
        return this;
    }

    /// <summary>
    /// Finds a type by name and version; version 0 (missing in JSON) matches the highest version. A workflow used as an
    /// activity is also found by its definition id, and a version it no longer has falls back as Elsa's does.
    /// </summary>
    public ActivityRegistration? Find(string typeName, int version)
    {
        if (_registrations.TryGetValue((typeName, version), out var registration))
            return registration;
        if (WorkflowActivities.Find(typeName, version) is { } workflow)
            return workflow;
        return version == 0
            ? _registrations.Values.Where(r => r.Descriptor.TypeName == typeName).MaxBy(r => r.Descriptor.Version)
            : null;
    }

    /// <summary>
    /// The definition version an activity runs when its type is a workflow used as an activity (null for a registered
    /// activity type or an unknown one); feeds <see cref="Definitions.WorkflowModel.Compile(Definitions.WorkflowDefinitionDocument, Func{System.Text.Json.Nodes.JsonObject, Persistence.StoredWorkflowDefinition?})"/>.
    /// </summary>
    public Persistence.StoredWorkflowDefinition? ResolveWorkflowActivity(System.Text.Json.Nodes.JsonObject activity) =>
        Definitions.ActivityJson.GetString(activity, "type") is { } type && !_registrations.Keys.Any(k => k.TypeName == type)
            ? WorkflowActivities.Resolve(activity)?.WorkflowDefinition
            : null;

    public bool Contains(string typeName) =>
        _registrations.Keys.Any(k => k.TypeName == typeName) || WorkflowActivities.Find(typeName, 0) is not null;
}
