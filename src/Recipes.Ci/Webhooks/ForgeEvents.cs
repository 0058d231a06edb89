using System.Text.Json.Nodes;
using Recipes.Ci.Forge;
using Recipes.Ci.Runs;
using static Recipes.Ci.Webhooks.WebhookPayloadParser;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// The forge events besides <c>pull_request</c>, as Gitea/Forgejo and GitHub document their payloads:
/// <c>push</c> to the default branch or of a tag starts a cold run (other branches and deletions are ignored), and an
/// <c>issue_comment</c> whose body starts with <c>!testme</c> on a pull request starts a quick run of its head, from
/// collaborators only: GitHub's payload carries <c>author_association</c>; for Gitea the gate asks the forge's
/// collaborator API (<see cref="CiTrigger.CollaboratorToCheck"/>).
/// </summary>
public static class ForgeEvents
{
    public const string TestMe = "!testme";

    private const string Heads = "refs/heads/";
    private const string Tags = "refs/tags/";

    /// <summary>GitHub's <c>author_association</c> values of people who can push (docs: "Webhook events and payloads").</summary>
    private static readonly HashSet<string> Trusted = new(StringComparer.Ordinal) { "OWNER", "MEMBER", "COLLABORATOR" };

    public static WebhookVerdict ParsePush(WebhookSource source, JsonObject payload, string deliveryId)
    {
        var fullRef = Text(payload["ref"]);
        if (fullRef is null)
            return Reject("missing-ref", "The push event has no 'ref'.");
        if (payload["deleted"] is JsonValue deleted && deleted.TryGetValue<bool>(out var gone) && gone
            || Text(payload["after"]) is { } after && after.Trim('0').Length == 0)
            return WebhookVerdict.Ignore($"A deletion of '{Clip(fullRef)}' starts no run.");
        if (RecipeOf(payload, out var recipe) is { } bad)
            return bad;

        string gitRef;
        if (fullRef.StartsWith(Tags, StringComparison.Ordinal))
            gitRef = fullRef[Tags.Length..];
        else if (fullRef.StartsWith(Heads, StringComparison.Ordinal))
        {
            gitRef = fullRef[Heads.Length..];
            var defaultBranch = Text(payload["repository"]?["default_branch"]);
            if (defaultBranch is null)
                return Reject("missing-default-branch", "The push event has no 'repository.default_branch', so recipeci cannot tell a push to the default branch.");
            if (gitRef != defaultBranch)
                return WebhookVerdict.Ignore($"A push to branch '{Clip(gitRef)}' starts no run; only pushes to the default branch '{Clip(defaultBranch)}' and tags do (pull requests start quick runs).");
        }
        else
            return WebhookVerdict.Ignore($"A push of '{Clip(fullRef)}' (neither a branch nor a tag) starts no run.");
        if (!GitRefRule.IsValid(gitRef))
            return Reject("bad-ref", $"Ref '{Clip(gitRef)}' is not allowed: use {GitRefRule.Description}.");
        return WebhookVerdict.Accept(new CiTrigger(source, deliveryId, recipe, gitRef, null, RunModes.Cold) { Repository = RepositoryOf(payload) });
    }

    public static WebhookVerdict ParseComment(WebhookSource source, JsonObject payload, string deliveryId)
    {
        var action = Text(payload["action"]);
        if (action is null)
            return Reject("missing-action", "The issue_comment event has no 'action'.");
        if (action != "created")
            return WebhookVerdict.Ignore($"Comment action '{Clip(action)}' starts no run (only a new comment does).");
        var body = Text(payload["comment"]?["body"])?.Trim() ?? string.Empty;
        if (!IsTestMe(body))
            return WebhookVerdict.Ignore($"The comment does not start with '{TestMe}'.");
        var issue = payload["issue"] as JsonObject;
        var onPullRequest = issue?["pull_request"] is JsonObject
                            || payload["is_pull"] is JsonValue isPull && isPull.TryGetValue<bool>(out var pull) && pull;
        if (!onPullRequest)
            return WebhookVerdict.Ignore($"'{TestMe}' on an issue that is not a pull request starts no run.");
        if (RecipeOf(payload, out var recipe) is { } bad)
            return bad;
        if (!TryPr(issue?["number"], out var pr) || pr is null)
            return Reject("bad-pr", "The pull request number ('issue.number') must be a whole number from 1 to 2147483647.");
        var repository = RepositoryOf(payload);
        if (repository is null)
            return Reject("missing-repository", "The issue_comment event has no valid 'repository.full_name' (owner/name), needed to check the commenter.");
        var login = Text(payload["comment"]?["user"]?["login"]) ?? Text(payload["sender"]?["login"]);
        if (login is null)
            return Reject("missing-commenter", "The issue_comment event has no 'comment.user.login'.");

        // Neither forge's issue_comment payload says where the pull request's head comes from, so the run trusts only
        // CI's tests, as for a fork: a collaborator's "!testme" vouches for starting the run, not for the PR's test commands.
        var trigger = new CiTrigger(source, deliveryId, recipe, RecipeRemotes.PullRequestBranch(pr), pr, RunModes.Quick)
        {
            Repository = repository,
            Untrusted = TestTrustReasons.Comment,
        };
        if (source == WebhookSource.GitHub)
        {
            var association = Text(payload["comment"]?["author_association"]) ?? "NONE";
            return Trusted.Contains(association)
                ? WebhookVerdict.Accept(trigger)
                : WebhookVerdict.Ignore($"'{Clip(login)}' is not a collaborator of {repository} (author_association {Clip(association)}): '{TestMe}' starts nothing.");
        }
        // The repository's owner needs no API call; anyone else is checked by the gate.
        var owner = Text(payload["repository"]?["owner"]?["login"]) ?? repository.Split('/')[0];
        return WebhookVerdict.Accept(string.Equals(owner, login, StringComparison.OrdinalIgnoreCase) ? trigger : trigger with { CollaboratorToCheck = login });
    }

    /// <summary><c>!testme</c> as the comment's first word (anything may follow on the line or below).</summary>
    private static bool IsTestMe(string body) =>
        body.StartsWith(TestMe, StringComparison.Ordinal) && (body.Length == TestMe.Length || char.IsWhiteSpace(body[TestMe.Length]));
}
