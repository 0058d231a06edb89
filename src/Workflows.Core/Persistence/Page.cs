namespace Workflows.Core.Persistence;

/// <summary>One page of a query and the total count over all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long TotalCount);
