namespace Recipes.Ci.Persistence.Entities;

/// <summary>The state of one warm dependency (<c>Warm:Dependencies</c>): what runs, what last passed its health gate.</summary>
public sealed class WarmDependencyStateEntity
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The version (tag) deployed now; null before the first deploy.</summary>
    public string? Current { get; set; }

    /// <summary>The last version that passed the health gate.</summary>
    public string? LastGood { get; set; }

    /// <summary>The snapshot of <see cref="LastGood"/>'s data; protected from retention.</summary>
    public string? SnapshotId { get; set; }

    /// <summary>Why the safety gate holds an upgrade (null when not held); an alert is sent once per reason.</summary>
    public string? HeldReason { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
