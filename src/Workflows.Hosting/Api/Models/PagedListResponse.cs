namespace Workflows.Hosting.Api.Models;

/// <summary>Elsa's <c>PagedListResponse&lt;T&gt;</c>: <c>{"items":[…],"totalCount":n,"links":[…]}</c>.</summary>
public sealed record PagedListResponse<T>(IReadOnlyList<T> Items, long TotalCount, IReadOnlyList<Link> Links);
