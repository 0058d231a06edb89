using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// GitHub's REST API as its docs describe the calls recipeci makes, served as GitHub Enterprise serves it (under
/// <c>/api/v3</c>, where Octokit sends requests for any host but api.github.com): <c>POST /repos/{owner}/{repo}/statuses/{sha}</c>
/// (state one of error, failure, pending, success; 201 with the status), <c>POST /repos/{owner}/{repo}/issues/{n}/comments</c>
/// ({body}; 201) and <c>GET /repos/{owner}/{repo}/collaborators/{username}</c> (204 or 404). A token (<c>token</c> or
/// <c>Bearer</c>) is required (401 "Requires authentication"), unknown repositories are 404 "Not Found", bad bodies 422
/// "Validation Failed".
/// </summary>
public sealed class FakeGitHub(params string[] repositories) : FakeForge
{
    private static readonly HashSet<string> States = ["error", "failure", "pending", "success"];
    private long _ids;

    protected override void Map(WebApplication app)
    {
        app.MapPost("/api/v3/repos/{owner}/{repo}/statuses/{sha}", async (HttpContext context, string owner, string repo, string sha) =>
        {
            if (Check(context, owner, repo) is { } refused)
                return refused;
            var body = await ReadJsonAsync(context);
            var state = body?["state"]?.GetValue<string>();
            if (state is null || !States.Contains(state))
                return Invalid("state");
            var status = new ReceivedStatus($"{owner}/{repo}", sha, state, body!["context"]?.GetValue<string>() ?? "default",
                body["description"]?.GetValue<string>(), body["target_url"]?.GetValue<string>());
            Statuses.Enqueue(status);
            var id = Interlocked.Increment(ref _ids);
            return Results.Json(new JsonObject
            {
                ["url"] = $"{Url}api/v3/repos/{owner}/{repo}/statuses/{sha}",
                ["id"] = id,
                ["node_id"] = $"SC_{id}",
                ["state"] = status.State,
                ["description"] = status.Description,
                ["target_url"] = status.TargetUrl,
                ["context"] = status.Context,
                ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
                ["updated_at"] = DateTimeOffset.UtcNow.ToString("O"),
            }, statusCode: 201);
        });
        app.MapPost("/api/v3/repos/{owner}/{repo}/issues/{number:int}/comments", async (HttpContext context, string owner, string repo, int number) =>
        {
            if (Check(context, owner, repo) is { } refused)
                return refused;
            var text = (await ReadJsonAsync(context))?["body"]?.GetValue<string>();
            if (string.IsNullOrEmpty(text))
                return Invalid("body");
            Comments.Enqueue(new ReceivedComment($"{owner}/{repo}", number, text));
            return Results.Json(new JsonObject { ["id"] = Interlocked.Increment(ref _ids), ["body"] = text }, statusCode: 201);
        });
        app.MapGet("/api/v3/repos/{owner}/{repo}/collaborators/{username}", (HttpContext context, string owner, string repo, string username) =>
            Check(context, owner, repo) ?? (IsCollaborator($"{owner}/{repo}", username) ? Results.NoContent() : Results.NotFound()));
    }

    private IResult? Check(HttpContext context, string owner, string repo)
    {
        if (!Authorized(context, "token", "Bearer"))
            return Results.Json(new { message = "Requires authentication" }, statusCode: 401);
        return repositories.Contains($"{owner}/{repo}") ? null : Results.Json(new { message = "Not Found" }, statusCode: 404);
    }

    private static IResult Invalid(string field) =>
        Results.Json(new { message = "Validation Failed", errors = new[] { new { resource = "Status", field, code = "invalid" } } }, statusCode: 422);
}
