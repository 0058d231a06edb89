using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Descriptors;

namespace Workflows.Core.Activities;

/// <summary>
/// The activity types an engine knows, by (typeName, version). Other assemblies add their own types with
/// <see cref="Register{TActivity}"/>; constructor dependencies are resolved from the engine's service provider.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<(string TypeName, int Version), ActivityRegistration> _registrations = [];

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
        _registrations.Values.Select(r => r.Descriptor).OrderBy(d => d.TypeName, StringComparer.Ordinal).ToList();

    public ActivityRegistry Register<TActivity>(Func<IServiceProvider, TActivity>? factory = null) where TActivity : Activity =>
        Register(typeof(TActivity), factory is null ? null : sp => factory(sp));

    /// <summary>Registers a type; throws when its (typeName, version) is already registered.</summary>
    public ActivityRegistry Register(Type activityType, Func<IServiceProvider, Activity>? factory = null)
    {
        if (!typeof(Activity).IsAssignableFrom(activityType))
            throw new ArgumentException($"{activityType.Name} does not derive from Activity.", nameof(activityType));
        var descriptor = ActivityDescriber.Describe(activityType);
        var key = (descriptor.TypeName, descriptor.Version);
        if (_registrations.ContainsKey(key))
            throw new InvalidOperationException($"Activity {descriptor.TypeName} v{descriptor.Version} is already registered.");
        _registrations[key] = new ActivityRegistration(
            descriptor,
            activityType,
            ActivityDescriber.InputProperties(activityType),
            factory ?? (sp => (Activity)ActivatorUtilities.CreateInstance(sp, activityType)));
        return this;
    }

    /// <summary>Finds a type by name and version; version 0 (missing in JSON) matches the highest version.</summary>
    public ActivityRegistration? Find(string typeName, int version) =>
        _registrations.TryGetValue((typeName, version), out var registration)
            ? registration
            : version == 0
                ? _registrations.Values.Where(r => r.Descriptor.TypeName == typeName).MaxBy(r => r.Descriptor.Version)
                : null;

    public bool Contains(string typeName) => _registrations.Keys.Any(k => k.TypeName == typeName);
}
