using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// A validated snapshot id, safe as a folder name: letters, digits, dashes and underscores only (no dots, so
/// no path traversal). New ids sort by creation time: <c>20260127T093015123Z-3f9a1c2e</c>.
/// </summary>
public sealed partial record SnapshotId : IComparable<SnapshotId>
{
    private SnapshotId(string value) => Value = value;

    public string Value { get; }

    public static SnapshotId New(DateTimeOffset now) =>
        new(now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" +
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));

    public static SnapshotId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new ArgumentException(
            $"'{value}' is not a valid snapshot id: use 1-64 letters, digits, dashes and underscores.", nameof(value));

    public static bool TryParse(string? value, out SnapshotId id)
    {
        id = null!;
        if (value is null || !Pattern().IsMatch(value)) return false;
        id = new SnapshotId(value);
        return true;
    }

    public int CompareTo(SnapshotId? other) => string.CompareOrdinal(Value, other?.Value);

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\z")]
    private static partial Regex Pattern();
}
