using Workflows.Core.Activities;

namespace Recipes.Ci.Activities;

/// <summary>
/// Registers the Recipes.* activities with an engine's registry. Their constructor dependencies come from
/// <see cref="RecipesCiServiceCollectionExtensions.AddRecipesCi"/>. Other activity sets add themselves beside these.
/// </summary>
public static class RecipeActivities
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(ResolveRun),
        typeof(AcquireAppLock),
        typeof(ReleaseAppLock),
        typeof(Deploy),
        typeof(Reattach),
        typeof(Upgrade),
        typeof(HealthGate),
        typeof(AssertActivity),
        typeof(Snapshot),
        typeof(Restore),
        typeof(Undeploy),
        typeof(Promote),
        typeof(CheckPromotion),
        typeof(ServeCanonical),
        typeof(ListRecipes),
        typeof(CompleteRun),
        // Warm dependencies, tenants, alerts and housekeeping.
        typeof(ProvisionTenant),
        typeof(ReleaseTenant),
        typeof(ReapTenants),
        typeof(ListWarmDependencies),
        typeof(ResolveTargetVersion),
        typeof(SnapshotWarm),
        typeof(DeployWarm),
        typeof(WarmHealthGate),
        typeof(RollbackWarm),
        typeof(CommitLastGood),
        typeof(AlertActivity),
        typeof(Housekeep),
        // The CI webhook's payload reader (ci.json).
        typeof(ReadWebhook),
    ];

    /// <summary>Adds every type not registered yet (so calling it twice, or on a shared registry, is harmless).</summary>
    public static ActivityRegistry Register(ActivityRegistry registry)
    {
        foreach (var type in Types)
            if (!registry.Contains(ActivityDescriber.Describe(type).TypeName))
                registry.Register(type);
        return registry;
    }
}
