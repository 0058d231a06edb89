using Octokit;

namespace Recipes.Ci.Forge;

/// <summary>
/// GitHub's REST API through Octokit: create a commit status (<c>POST /repos/{owner}/{repo}/statuses/{sha}</c>),
/// comment on a pull request (<c>POST /repos/{owner}/{repo}/issues/{n}/comments</c>) and check a collaborator
/// (<c>GET /repos/{owner}/{repo}/collaborators/{user}</c>). <c>Forge:Url</c> is <c>https://api.github.com</c> or a
/// GitHub Enterprise host, whose API Octokit reaches under <c>/api/v3/</c>.
/// </summary>
public sealed class GitHubForgeClient(ForgeOptions options) : IForgeClient
{
    private readonly GitHubClient _client = new(new ProductHeaderValue("recipeci"), options.Url!)
    {
        Credentials = new Credentials(options.Token),
    };

    public async Task PostStatusAsync(string repository, string sha, CommitStatusPost status, CancellationToken cancellationToken)
    {
        var (owner, name) = ForgeRepository.Split(repository);
        var post = new NewCommitStatus
        {
            State = status.State switch
            {
                "pending" => CommitState.Pending,
                "success" => CommitState.Success,
                "failure" => CommitState.Failure,
                _ => CommitState.Error,
            },
            Context = status.Context,
            Description = status.Description,
            TargetUrl = status.TargetUrl,
        };
        await Call(() => _client.Repository.Status.Create(owner, name, sha, post), "create a commit status");
    }

    public async Task PostCommentAsync(string repository, int pr, string body, CancellationToken cancellationToken)
    {
        var (owner, name) = ForgeRepository.Split(repository);
        await Call(() => _client.Issue.Comment.Create(owner, name, pr, body), "comment on a pull request");
    }

    public async Task<bool> IsCollaboratorAsync(string repository, string login, CancellationToken cancellationToken)
    {
        var (owner, name) = ForgeRepository.Split(repository);
        return await Call(() => _client.Repository.Collaborator.IsCollaborator(owner, name, login), "check a collaborator");
    }

    /// <summary>Octokit has no cancellation on these calls; its errors become <see cref="ForgeException"/> with the status.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (ApiException e)
        {
            throw new ForgeException($"GitHub refused to {what}: {(int)e.StatusCode} {ForgeRepository.Clip(e.Message)}", (int)e.StatusCode, e);
        }
    }
}
