using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Core.Activities;

namespace Workflows.Core;

/// <summary>
/// Workflows.Core's one registration: the activity registry (the built-ins plus every set of activities a module
/// adds) and the HTTP client the built-in HTTP request activities take. Each module calls it with its own set, in any
/// order: there is one registry, and no call replaces another's set.
/// </summary>
public static class WorkflowsCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the registry once, and <paramref name="activities"/> (e.g. <c>registry =&gt; registry.Register&lt;MyActivity&gt;()</c>)
    /// as one more set of it; calling it again with no set changes nothing.
    /// </summary>
    public static IServiceCollection AddWorkflowsCore(this IServiceCollection services, Action<ActivityRegistry>? activities = null)
    {
        if (activities is not null)
            services.AddSingleton(new ActivitySet(activities));
        services.AddHttpClient(Activities.BuiltIn.HttpRequestSender.ClientName);
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
