namespace Workflows.Hosting.Api.Models;

/// <summary>The bare <c>{"items":[…]}</c> envelope some descriptor endpoints use.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
