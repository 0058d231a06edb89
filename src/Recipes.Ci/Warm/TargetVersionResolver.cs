using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;
using Recipes.Ci.Configuration;
using Recipes.Ci.Persistence;
using Recipes.Swarm.Stacks;
using Semver;

namespace Recipes.Ci.Warm;

/// <summary>
/// Applies a warm dependency's version policy (newest tag or pinned) and its safety gate: an upgrade is held on an
/// operator flag, on a major bump of the recipe version, and while runs hold tenants in it. A first deploy is not
/// an upgrade, so only the operator flag holds it. The held reason is kept in the warm state.
/// </summary>
public sealed class TargetVersionResolver(
    WarmDependencyCatalog dependencies,
    RecipeCatalog recipes,
    WarmDependencyStateStore states,
    TenantProviders tenants,
    IStackQueries stacks,
    ILogger<TargetVersionResolver> logger)
{
    public async Task<WarmDecision> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var settings = dependencies.Get(name);
        var target = Target(settings);
        var state = await states.GetAsync(name, cancellationToken);
        var current = state?.Current;
        var deployed = await stacks.IsDeployedAsync(WarmDependencyCatalog.AppOf(name), cancellationToken);

        var decision = current == target.Tag && deployed
            ? new WarmDecision(WarmAction.UpToDate, name, target.Tag, current, state?.LastGood, null)
            : await GateAsync(settings, target, current, state?.LastGood, cancellationToken);
        if (state?.HeldReason != decision.Reason || state is null)
            await states.SaveAsync(new WarmDependencyState(name, current, state?.LastGood, state?.SnapshotId, decision.Reason, default), cancellationToken);
        logger.LogInformation("Warm dependency {Name}: {Action} (current {Current}, target {Target}){Reason}",
            name, decision.Action, current ?? "none", target.Tag, decision.Reason is null ? "" : ": " + decision.Reason);
        return decision;
    }

    private RecipeVersion Target(WarmDependencySettings settings)
    {
        var recipe = RecipeName.Parse(settings.Recipe);
        if (settings.VersionPolicy == VersionPolicy.Latest)
            return recipes.LatestVersion(recipe) ?? throw new InvalidOperationException($"Recipe {settings.Recipe} of warm dependency {settings.Name} has no version tags.");
        return recipes.ListVersions(recipe).FirstOrDefault(v => v.Tag == settings.Version)
               ?? throw new InvalidOperationException($"Warm dependency {settings.Name} is pinned to {settings.Version}, which is not a tag of recipe {settings.Recipe}.");
    }

    private async Task<WarmDecision> GateAsync(WarmDependencySettings settings, RecipeVersion target, string? current, string? lastGood, CancellationToken cancellationToken)
    {
        var reason = await HeldReasonAsync(settings, target, current, cancellationToken);
        return new WarmDecision(reason is null ? WarmAction.Upgrade : WarmAction.Held, settings.Name, target.Tag, current, lastGood, reason);
    }

    private async Task<string?> HeldReasonAsync(WarmDependencySettings settings, RecipeVersion target, string? current, CancellationToken cancellationToken)
    {
        if (settings.Hold)
            return "held by the operator (Hold = true)";
        if (settings.HoldFlagFile is { } flag && File.Exists(flag))
            return $"held by the operator (flag file {flag} exists)";
        if (current is null)
            return null;
        if (settings.HoldMajorBumps && SemVersion.TryParse(current, SemVersionStyles.Strict, out var from) && target.Version.Major > from.Major)
            return $"major bump {current} -> {target.Tag} needs an operator (HoldMajorBumps)";
        if (settings.HoldWhileTenantsLive && settings.Tenants.Kind != TenantProviderKind.None)
        {
            var live = (await tenants.For(settings.Name).ListAsync(cancellationToken)).Count;
            if (live > 0)
                return $"{live} run tenant(s) live in it (HoldWhileTenantsLive)";
        }
        return null;
    }
}
