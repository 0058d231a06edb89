using System.Text.Json.Nodes;
using RecipeCi.Tests.Webhooks;

namespace RecipeCi.Tests.Forge;

/// <summary>Forge webhook bodies shaped as Gitea/Forgejo and GitHub document them (the fields recipeci reads, and some it does not).</summary>
public static class ForgePayloads
{
    private static JsonObject Repository(ForgeRepository forge) => new()
    {
        ["id"] = 42,
        ["name"] = forge.Recipe,
        ["full_name"] = forge.FullName,
        ["owner"] = new JsonObject { ["login"] = "coop-cloud" },
        ["default_branch"] = forge.DefaultBranch,
        ["clone_url"] = forge.BarePath,
    };

    /// <summary>
    /// A <c>pull_request</c> event. With <paramref name="fork"/> the head comes from <c>someone/&lt;recipe&gt;</c>, a fork
    /// (<c>head.repo.fork</c> true); with <paramref name="headRepoDeleted"/> <c>head.repo</c> is null, as the forges send
    /// it once the fork is gone.
    /// </summary>
    public static byte[] PullRequest(ForgeRepository forge, int number, string sha, string action = "opened", bool fork = false, bool headRepoDeleted = false) =>
        WebhookServer.Utf8(new JsonObject
        {
            ["action"] = action,
            ["number"] = number,
            ["pull_request"] = new JsonObject
            {
                ["number"] = number,
                ["head"] = new JsonObject
                {
                    ["ref"] = "feature",
                    ["sha"] = sha,
                    ["repo"] = headRepoDeleted ? null : new JsonObject { ["full_name"] = fork ? "someone/" + forge.Recipe : forge.FullName, ["fork"] = fork },
                },
                ["base"] = new JsonObject { ["ref"] = forge.DefaultBranch, ["repo"] = new JsonObject { ["full_name"] = forge.FullName, ["fork"] = false } },
            },
            ["repository"] = Repository(forge),
            ["sender"] = new JsonObject { ["login"] = "alice" },
        }.ToJsonString());

    public static byte[] Push(ForgeRepository forge, string fullRef, string after, bool deleted = false) =>
        WebhookServer.Utf8(new JsonObject
        {
            ["ref"] = fullRef,
            ["before"] = new string('0', 40),
            ["after"] = deleted ? new string('0', 40) : after,
            ["deleted"] = deleted,
            ["repository"] = Repository(forge),
            ["pusher"] = new JsonObject { ["login"] = "alice" },
        }.ToJsonString());

    /// <summary>A new comment on pull request <paramref name="number"/>; GitHub's carries <c>author_association</c>, Gitea's <c>is_pull</c>.</summary>
    public static byte[] Comment(ForgeRepository forge, int number, string login, string body, string? association = null) =>
        WebhookServer.Utf8(new JsonObject
        {
            ["action"] = "created",
            ["issue"] = new JsonObject
            {
                ["number"] = number,
                ["pull_request"] = new JsonObject { ["merged"] = false },
            },
            ["comment"] = new JsonObject
            {
                ["body"] = body,
                ["user"] = new JsonObject { ["login"] = login },
                ["author_association"] = association,
            },
            ["is_pull"] = true,
            ["repository"] = Repository(forge),
            ["sender"] = new JsonObject { ["login"] = login },
        }.ToJsonString());
}
