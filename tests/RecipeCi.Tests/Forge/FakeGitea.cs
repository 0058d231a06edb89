using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// Gitea/Forgejo's REST API as its swagger documents the three calls recipeci makes, under <c>/api/v1</c> with
/// <c>Authorization: token ...</c>: <c>POST /repos/{owner}/{repo}/statuses/{sha}</c> (CreateStatusOption: state one of
/// pending, success, error, failure, warning; 201 with the CommitStatus), <c>POST /repos/{owner}/{repo}/issues/{index}/comments</c>
/// (CreateIssueCommentOption {body}; 201 with the Comment) and <c>GET /repos/{owner}/{repo}/collaborators/{collaborator}</c>
/// (204 when a collaborator, 404 when not). Unknown repositories answer 404, a missing token 401, a bad body 422.
/// </summary>
public sealed class FakeGitea(params string[] repositories) : FakeForge
{
    private static readonly HashSet<string> States = ["pending", "success", "error", "failure", "warning"];
    private long _ids;

    protected override void Map(WebApplication app)
    {
        app.MapPost("/api/v1/repos/{owner}/{repo}/statuses/{sha}", async (HttpContext context, string owner, string repo, string sha) =>
        {
            if (Check(context, owner, repo) is { } refused)
                return refused;
            var body = await ReadJsonAsync(context);
            var state = body?["state"]?.GetValue<string>();
            if (state is null || !States.Contains(state))
                return Results.Json(new { message = "state is required and must be one of pending, success, error, failure, warning" }, statusCode: 422);
            var status = new ReceivedStatus($"{owner}/{repo}", sha, state, body!["context"]?.GetValue<string>() ?? "default",
                body["description"]?.GetValue<string>(), body["target_url"]?.GetValue<string>());
            Statuses.Enqueue(status);
            return Results.Json(new JsonObject
            {
                ["id"] = Interlocked.Increment(ref _ids),
                ["status"] = status.State,
                ["target_url"] = status.TargetUrl,
                ["description"] = status.Description,
                ["context"] = status.Context,
                ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
            }, statusCode: 201);
        });
        app.MapPost("/api/v1/repos/{owner}/{repo}/issues/{index:long}/comments", async (HttpContext context, string owner, string repo, long index) =>
        {
            if (Check(context, owner, repo) is { } refused)
                return refused;
            var text = (await ReadJsonAsync(context))?["body"]?.GetValue<string>();
            if (string.IsNullOrEmpty(text))
                return Results.Json(new { message = "body is required" }, statusCode: 422);
            Comments.Enqueue(new ReceivedComment($"{owner}/{repo}", (int)index, text));
            return Results.Json(new JsonObject { ["id"] = Interlocked.Increment(ref _ids), ["body"] = text }, statusCode: 201);
        });
        app.MapGet("/api/v1/repos/{owner}/{repo}/collaborators/{collaborator}", (HttpContext context, string owner, string repo, string collaborator) =>
            Check(context, owner, repo) ?? (IsCollaborator($"{owner}/{repo}", collaborator) ? Results.NoContent() : Results.NotFound()));
    }

    private IResult? Check(HttpContext context, string owner, string repo)
    {
        if (!Authorized(context, "token"))
            return Results.Json(new { message = "token is required" }, statusCode: 401);
        return repositories.Contains($"{owner}/{repo}") ? null : Results.Json(new { message = "repository not found" }, statusCode: 404);
    }
}
