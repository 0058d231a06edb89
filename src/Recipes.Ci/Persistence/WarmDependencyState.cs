namespace Recipes.Ci.Persistence;

/// <summary>The persisted state of a warm dependency; see <see cref="Entities.WarmDependencyStateEntity"/>.</summary>
public sealed record WarmDependencyState(
    string Name,
    string? Current,
    string? LastGood,
    string? SnapshotId,
    string? HeldReason,
    DateTimeOffset UpdatedAt);
