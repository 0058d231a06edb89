namespace Recipes.Ci.Webhooks;

/// <summary>What an accepted webhook asks for: one run of <see cref="Recipe"/> at <see cref="Ref"/>.</summary>
/// <param name="Mode"><c>quick</c> or <c>cold</c>; forge pull-request events are quick, pushes cold.</param>
public sealed record CiTrigger(WebhookSource Source, string DeliveryId, string Recipe, string Ref, string? Pr, string Mode)
{
    /// <summary>The forge repository (<c>owner/name</c>) the run reports its statuses to; null for a generic trigger.</summary>
    public string? Repository { get; init; }

    /// <summary>
    /// A <c>!testme</c> comment's author whose collaborator status the forge's API must confirm before the run starts
    /// (Gitea/Forgejo; GitHub's payload says it itself); null when nothing is left to check.
    /// </summary>
    public string? CollaboratorToCheck { get; init; }

    /// <summary>
    /// Why the run must not trust the tests its own commit brings (<see cref="TestTrustReasons"/>): the run is
    /// <c>CiOnly</c> whatever <c>Ci:Tests:Trust</c> says. Null when the commit comes from the recipe's own repository.
    /// </summary>
    public string? Untrusted { get; init; }
}
