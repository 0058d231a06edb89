using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Receives an HTTP request at <c>/workflows/&lt;path&gt;</c>. As a trigger it starts the workflow (the server passes
/// the request as input); mid-flow it suspends on a bookmark that the server resumes with the request.
/// </summary>
[Activity("Elsa", "HttpEndpoint", Category = "HTTP", Description = "Wait for an HTTP request.", Kind = Descriptors.ActivityKind.Trigger)]
public sealed class HttpEndpoint : Activity, ITriggerActivity, IValidatingActivity
{
    [Input(Description = "The path, relative to /workflows.", Order = 0)]
    public string? Path { get; set; }

    [Input(Description = "Accepted HTTP methods.", TypeName = "List<String>", UIHint = "check-list", DefaultValueJson = "[\"GET\"]", Order = 1)]
    public List<string>? SupportedMethods { get; set; }

    [Input(Description = "Require an authenticated caller.", Order = 2)]
    public bool Authorize { get; set; }

    [Input(Description = "Authorization policy name.", Order = 3)]
    public string? Policy { get; set; }

    [Output(Description = "The parsed request body.")]
    public JsonNode? ParsedContent { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Node.CanStartWorkflow)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }
        // One bookmark per method, as Elsa's HttpEndpointBookmarkPayload(path, method): a request's path and method
        // hash to exactly the bookmark it resumes. Completing the activity removes the others.
        var path = NormalizePath(LiteralInputs.Get<string>(context.Node, nameof(Path)));
        foreach (var method in Methods(context.Node))
            context.CreateBookmark(BookmarkName, BookmarkPayload(path, method));
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        context.SetOutput(nameof(ParsedContent), payload?["body"]);
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public const string BookmarkName = "Elsa.HttpEndpoint";

    public JsonObject GetTriggerPayload(ActivityNode node) => new()
    {
        ["path"] = NormalizePath(LiteralInputs.Get<string>(node, nameof(Path))),
        ["methods"] = new JsonArray(Methods(node).Select(m => (JsonNode)m).ToArray()),
    };

    /// <summary>The payload of a mid-flow bookmark: what a request to <paramref name="path"/> with <paramref name="method"/> is hashed as.</summary>
    public static JsonObject BookmarkPayload(string path, string method) => new()
    {
        ["path"] = NormalizePath(path),
        ["method"] = method.ToUpperInvariant(),
    };

    /// <summary>The endpoint's path (no leading or trailing slash) and upper-case methods, as its bookmarks carry them.</summary>
    public static (string Path, IReadOnlyList<string> Methods) Route(ActivityNode node) =>
        (NormalizePath(LiteralInputs.Get<string>(node, nameof(Path))), Methods(node));

    private static IReadOnlyList<string> Methods(ActivityNode node) =>
        (LiteralInputs.Get<List<string>>(node, nameof(SupportedMethods)) ?? ["GET"]).Select(m => m.ToUpperInvariant()).Distinct().ToList();

    public IEnumerable<string> Validate(ActivityNode node)
    {
        if (string.IsNullOrWhiteSpace(LiteralInputs.Get<string>(node, nameof(Path))))
            yield return "HTTP endpoint has no path.";
    }

    private static string NormalizePath(string? path) => (path ?? string.Empty).Trim().Trim('/');
}
