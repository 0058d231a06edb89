namespace Recipes.Ci.Webhooks;

/// <summary>What an accepted webhook asks for: one run of <see cref="Recipe"/> at <see cref="Ref"/>.</summary>
/// <param name="Mode"><c>quick</c> or <c>cold</c>; forge pull-request events are quick.</param>
public sealed record CiTrigger(WebhookSource Source, string DeliveryId, string Recipe, string Ref, string? Pr, string Mode);
