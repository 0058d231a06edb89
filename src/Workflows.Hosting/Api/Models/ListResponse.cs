namespace Workflows.Hosting.Api.Models;

/// <summary>Elsa's <c>ListResponse&lt;T&gt;</c>: <c>{"items":[…],"count":n}</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, long Count)
{
    public ListResponse(IReadOnlyList<T> items) : this(items, items.Count) { }
}
