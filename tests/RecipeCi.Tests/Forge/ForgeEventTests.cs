using System.Text.Json.Nodes;
using Recipes.Ci.Forge;
using Recipes.Ci.Runs;
using static RecipeCi.Tests.Webhooks.WebhookRequests;
using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// Forge events on a real server whose recipe tracks a bare repository standing in for the forge: pushes, pull request
/// heads (also a fork's, only under <c>refs/pull/&lt;n&gt;/head</c>) and <c>!testme</c> comments start the documented run
/// of the commit the forge has, fetched by recipeci itself (no mirror step); anything else starts nothing. The runs end
/// in error at their first deploy (no Docker here), and the fake Gitea receives pending then error for them.
/// </summary>
public sealed class ForgeEventTests(ForgeWebhookServer server) : IClassFixture<ForgeWebhookServer>
{
    private ForgeRepository Forge => server.Forge;

    private async Task<JsonObject> AcceptedAsync(byte[] body, (string, string)[] headers)
    {
        var (status, text) = await server.PostAsync(body, headers);
        Assert.True(status == 202, $"{status} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task IgnoredAsync(byte[] body, (string, string)[] headers, string reason)
    {
        var before = await server.WebhookInstanceCountAsync();
        var (status, text) = await server.PostAsync(body, headers);
        Assert.True(status == 200, $"{status} {text}");
        var json = JsonNode.Parse(text)!;
        Assert.True(json["ignored"]!.GetValue<bool>(), text);
        Assert.Contains(reason, json["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await server.WebhookInstanceCountAsync());
    }

    [Fact]
    public async Task A_new_commit_pushed_to_the_forge_is_fetched_and_its_pull_request_run_reports_pending_then_its_result()
    {
        var sha = Forge.CommitAndPush("1.1.0+1.0", "refs/heads/feature-a", "A new commit", work => File.AppendAllText(Path.Combine(work, "README.md"), "change\n"));

        var accepted = await AcceptedAsync(ForgePayloads.PullRequest(Forge, 3, sha), SignedGitea(ForgePayloads.PullRequest(Forge, 3, sha)));

        var runId = accepted["runId"]!.ToString();
        var record = await server.RunAsync(runId);
        Assert.NotNull(record);
        Assert.Equal(sha, record.Commit);
        Assert.Null(record.Untrusted);
        Assert.Equal(RunModes.Quick, accepted["mode"]!.ToString());
        var statuses = await WaitForStatusesAsync(sha, 2);
        Assert.Equal(["pending", "error"], statuses.Select(s => s.State));
        Assert.All(statuses, s => Assert.Equal("recipeci/quick", s.Context));
        Assert.All(statuses, s => Assert.Equal(Forge.FullName, s.Repository));
        Assert.All(statuses, s => Assert.StartsWith($"{ForgeWebhookServer.PublicUrl}/runs/{runId}", s.TargetUrl));
        Assert.StartsWith("quick: ", statuses[0].Description);
        Assert.Matches(@"^(quick|cold \(fallback\)): error before any test ran, \d+ deploys?, \d+ s$", statuses[1].Description);
    }

    [Fact]
    public async Task A_fork_pull_request_head_is_fetched_through_refs_pull()
    {
        // The fork's commit is on no branch of the forge's repository: only under refs/pull/9/head.
        var sha = Forge.CommitAndPush("1.1.0+1.0", "refs/pull/9/head", "A fork's change", work => File.WriteAllText(Path.Combine(work, "FORK"), "x\n"));
        var body = ForgePayloads.PullRequest(Forge, 9, sha, "synchronize", fork: true);

        var accepted = await AcceptedAsync(body, SignedGitHub(body));

        var record = await server.RunAsync(accepted["runId"]!.ToString());
        Assert.Equal(sha, record!.Commit);
        Assert.Equal("9", record.Pr);
        Assert.Equal(TestTrustReasons.Fork, record.Untrusted);
    }

    [Fact]
    public async Task A_pull_request_whose_head_repository_was_deleted_counts_as_a_fork()
    {
        var sha = Forge.CommitAndPush("1.1.0+1.0", "refs/pull/12/head", "A deleted fork's change", work => File.WriteAllText(Path.Combine(work, "GONE"), "x\n"));
        var body = ForgePayloads.PullRequest(Forge, 12, sha, "reopened", headRepoDeleted: true);

        var accepted = await AcceptedAsync(body, SignedGitea(body));

        Assert.Equal(TestTrustReasons.Fork, (await server.RunAsync(accepted["runId"]!.ToString()))!.Untrusted);
    }

    [Fact]
    public async Task A_pull_request_head_missing_on_the_forge_is_refused_naming_the_remote()
    {
        var body = ForgePayloads.PullRequest(Forge, 11, new string('e', 40));
        var (status, text) = await server.PostAsync(body, SignedGitea(body));
        Assert.True(status is 422 or 502, $"{status} {text}");
        Assert.Contains("origin", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_to_the_default_branch_or_a_tag_starts_a_cold_run_other_pushes_start_nothing()
    {
        var main = Forge.CommitAndPush(Forge.DefaultBranch, "refs/heads/" + Forge.DefaultBranch, "Main moves on",
            work => File.AppendAllText(Path.Combine(work, "README.md"), "main\n"));
        var push = ForgePayloads.Push(Forge, "refs/heads/" + Forge.DefaultBranch, main);
        var accepted = await AcceptedAsync(push, SignedGitea(push, eventName: "push"));
        Assert.Equal(RunModes.Cold, accepted["mode"]!.ToString());
        Assert.Equal(main, (await server.RunAsync(accepted["runId"]!.ToString()))!.Commit);

        Forge.PushTag("1.2.0+1.0", main);
        var tag = ForgePayloads.Push(Forge, "refs/tags/1.2.0+1.0", main);
        var tagged = await AcceptedAsync(tag, SignedGitHub(tag, eventName: "push"));
        Assert.Equal(RunModes.Cold, tagged["mode"]!.ToString());
        Assert.Equal("1.2.0+1.0", tagged["ref"]!.ToString());

        var other = ForgePayloads.Push(Forge, "refs/heads/feature-b", main);
        await IgnoredAsync(other, SignedGitea(other, eventName: "push"), "only pushes to the default branch");
        var deletion = ForgePayloads.Push(Forge, "refs/heads/feature-b", main, deleted: true);
        await IgnoredAsync(deletion, SignedGitHub(deletion, eventName: "push"), "deletion");
    }

    [Fact]
    public async Task Testme_from_a_non_collaborator_starts_nothing_and_from_a_collaborator_starts_a_quick_run_of_the_pull_request_head()
    {
        server.Gitea.Collaborators[Forge.FullName] = ["alice"];
        var sha = Forge.CommitAndPush("1.1.0+1.0", "refs/pull/5/head", "PR five", work => File.WriteAllText(Path.Combine(work, "FIVE"), "5\n"));

        var checksBefore = server.Gitea.CollaboratorChecks;
        var mallory = ForgePayloads.Comment(Forge, 5, "mallory", "!testme please");
        await IgnoredAsync(mallory, SignedGitea(mallory, eventName: "issue_comment"), "not a collaborator");
        Assert.Equal(checksBefore + 1, server.Gitea.CollaboratorChecks);
        var githubStranger = ForgePayloads.Comment(Forge, 5, "mallory", "!testme", association: "NONE");
        await IgnoredAsync(githubStranger, SignedGitHub(githubStranger, eventName: "issue_comment"), "not a collaborator");
        var chatter = ForgePayloads.Comment(Forge, 5, "alice", "looks good, testme later");
        await IgnoredAsync(chatter, SignedGitea(chatter, eventName: "issue_comment"), "!testme");

        var alice = ForgePayloads.Comment(Forge, 5, "alice", "!testme");
        var accepted = await AcceptedAsync(alice, SignedGitea(alice, eventName: "issue_comment"));
        Assert.Equal(RunModes.Quick, accepted["mode"]!.ToString());
        Assert.Equal(RecipeRemotes.PullRequestBranch("5"), accepted["ref"]!.ToString());
        var record = await server.RunAsync(accepted["runId"]!.ToString());
        Assert.Equal(sha, record!.Commit);
        Assert.Equal("5", record.Pr);
        // The comment's payload does not say where the head comes from: only CI's tests run.
        Assert.Equal(TestTrustReasons.Comment, record.Untrusted);

        var githubCollaborator = ForgePayloads.Comment(Forge, 5, "bob", "!testme", association: "COLLABORATOR");
        var second = await AcceptedAsync(githubCollaborator, SignedGitHub(githubCollaborator, eventName: "issue_comment"));
        Assert.Equal(sha, (await server.RunAsync(second["runId"]!.ToString()))!.Commit);
    }

    private Task<IReadOnlyList<ReceivedStatus>> WaitForStatusesAsync(string sha, int count) =>
        Eventually.UntilAsync(() => Task.FromResult<IReadOnlyList<ReceivedStatus>>(server.Gitea.StatusesOf(sha)), statuses => statuses.Count >= count, TimeSpan.FromSeconds(120),
            statuses => $"only {statuses.Count} statuses for {sha}: {string.Join("; ", server.Gitea.Statuses)}");
}
