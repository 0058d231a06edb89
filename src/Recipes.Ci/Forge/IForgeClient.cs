namespace Recipes.Ci.Forge;

/// <summary>
/// The few forge API calls recipeci makes. Every method throws <see cref="ForgeException"/> (or the HTTP client's own
/// exception when the forge cannot be reached); the outbox decides whether to retry.
/// </summary>
public interface IForgeClient
{
    /// <summary>Creates a commit status on <paramref name="sha"/> of <paramref name="repository"/> (<c>owner/name</c>).</summary>
    Task PostStatusAsync(string repository, string sha, CommitStatusPost status, CancellationToken cancellationToken);

    /// <summary>Adds a comment to pull request <paramref name="pr"/>.</summary>
    Task PostCommentAsync(string repository, int pr, string body, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="login"/> may push to <paramref name="repository"/> (owner or collaborator).</summary>
    Task<bool> IsCollaboratorAsync(string repository, string login, CancellationToken cancellationToken);
}

/// <summary>One commit status: <c>pending</c>, <c>success</c>, <c>failure</c> or <c>error</c>.</summary>
public sealed record CommitStatusPost(string State, string Context, string Description, string? TargetUrl);
