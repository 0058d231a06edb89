using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Core.Activities;

/// <summary>
/// The one activity registry of a service provider: the built-ins plus every set added with
/// <see cref="AddActivities"/>, whatever the order of the calls (each module adds its own set; none replaces another's).
/// </summary>
public static class ActivityRegistryServiceCollectionExtensions
{
    /// <summary>Adds a set of activities to the registry (e.g. <c>registry =&gt; registry.Register&lt;MyActivity&gt;()</c>).</summary>
    public static IServiceCollection AddActivities(this IServiceCollection services, Action<ActivityRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddSingleton(new ActivitySet(register));
        return services.AddActivityRegistry();
    }

    /// <summary>
    /// Registers the registry itself (built-ins plus the added sets) and the HTTP client factory the built-in HTTP
    /// request activities take their client from; calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddActivityRegistry(this IServiceCollection services)
    {
        services.AddHttpClient(BuiltIn.HttpRequestSender.ClientName);
        services.TryAddSingleton(sp =>
        {
            var registry = ActivityRegistry.CreateWithBuiltIns();
            foreach (var set in sp.GetServices<ActivitySet>())
                set.Register(registry);
            return registry;
        });
        return services;
    }

    /// <summary>One module's contribution to the registry.</summary>
    private sealed record ActivitySet(Action<ActivityRegistry> Register);
}
