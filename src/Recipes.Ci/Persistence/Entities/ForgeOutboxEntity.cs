namespace Recipes.Ci.Persistence.Entities;

/// <summary>
/// One post to the forge that has to happen (a commit status or a pull request comment), kept until the forge took it,
/// so posting survives a forge outage and a server restart. Drained by <see cref="Forge.ForgeOutboxService"/>.
/// </summary>
public sealed class ForgeOutboxEntity
{
    public long Id { get; set; }

    public string RunId { get; set; } = string.Empty;

    /// <summary><c>pending</c>, <c>final</c> or <c>comment</c>: with <see cref="RunId"/> unique, so a re-run activity adds nothing.</summary>
    public string Step { get; set; } = string.Empty;

    /// <summary>The forge repository, <c>owner/name</c>.</summary>
    public string Repository { get; set; } = string.Empty;

    public string Sha { get; set; } = string.Empty;
    public string? Pr { get; set; }

    /// <summary><c>recipeci/quick</c> or <c>recipeci/cold</c>.</summary>
    public string Context { get; set; } = string.Empty;

    /// <summary><c>pending</c>, <c>success</c>, <c>failure</c> or <c>error</c>; empty for a comment.</summary>
    public string State { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;
    public string? TargetUrl { get; set; }

    /// <summary>The comment's Markdown; null for a status.</summary>
    public string? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A node posting this row holds it until then, so two nodes never post it at once.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>When the forge took it, or when it was given up or superseded (see <see cref="LastError"/>).</summary>
    public DateTimeOffset? DoneAt { get; set; }

    public string? LastError { get; set; }
}
