using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Version policy and safety gate of a warm dependency: <c>Upgrade</c> to the target, <c>UpToDate</c>, or
/// <c>Held</c> (major bump, live tenants, operator flag) with the reason. Idempotent: it only reads, and records
/// the held reason.
/// </summary>
[Activity("Recipes", "ResolveTargetVersion", Category = "Recipes", DisplayName = "Resolve target version",
    Description = "Pick a warm dependency's target version (latest tag or pinned) and apply the safety gate: hold major bumps, hold while tenants are live, hold on an operator flag.")]
[FlowPort(Upgrade)]
[FlowPort(UpToDate)]
[FlowPort(Held)]
public sealed class ResolveTargetVersion(TargetVersionResolver resolver, ILogger<ResolveTargetVersion> logger) : WarmActivity(logger)
{
    public const string Upgrade = "Upgrade";
    public const string UpToDate = "UpToDate";
    public const string Held = "Held";

    [Input(Description = "The warm dependency (its Warm:Dependencies name).", UIHint = "singleline", Order = 0)]
    public string? Dependency { get; set; }

    [Output(Description = "The version the policy asks for.")]
    public string? Target { get; set; }

    [Output(Description = "The version running now (empty before the first deploy).")]
    public string? Current { get; set; }

    [Output(Description = "The last version that passed the health gate.")]
    public string? LastGood { get; set; }

    [Output(Description = "Why the upgrade is held.")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var decision = await resolver.ResolveAsync(Required(Dependency, nameof(Dependency)), cancellationToken);
        context.SetOutput(nameof(Target), decision.Target);
        context.SetOutput(nameof(Current), decision.Current ?? "");
        context.SetOutput(nameof(LastGood), decision.LastGood ?? "");
        context.SetOutput(nameof(Reason), decision.Reason ?? "");
        return decision.Action.ToString();
    }
}
