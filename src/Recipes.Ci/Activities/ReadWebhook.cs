using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Recipes.Ci.Webhooks;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Reads the CI webhook request that started the workflow into recipe, ref, PR and mode, with the same parser the
/// webhook's authorization used to accept it (signature, replay and catalog checks happen there, before the instance
/// exists). Headers and body come from the HTTP endpoint's input (<c>getInput('headers')</c>, <c>getInput('body')</c>).
/// </summary>
[Activity("Recipes", "ReadWebhook", Category = "Recipes", DisplayName = "Read webhook",
    Description = "Read a CI webhook (Gitea/Forgejo or GitHub pull_request, push or !testme comment, or generic {recipe, ref, pr, mode}) into recipe, ref, PR, mode, forge repository and whether its tests are untrusted (a fork's).")]
[FlowPort(FlowPorts.Done)]
[FlowPort("Error")]
public sealed class ReadWebhook : Activity
{
    [Input(Description = "The request headers (names lower-case), e.g. getInput('headers').", TypeName = "Object", DefaultSyntax = "JavaScript", Order = 0)]
    public JsonNode? Headers { get; set; }

    [Input(Description = "The request body, e.g. getInput('body').", TypeName = "Object", DefaultSyntax = "JavaScript", Order = 1)]
    public JsonNode? Body { get; set; }

    [Output(Description = "The recipe.")]
    public string? Recipe { get; set; }

    [Output(Description = "The ref to test.")]
    public string? Ref { get; set; }

    [Output(Description = "The pull request number, or empty.")]
    public string? Pr { get; set; }

    [Output(Description = "quick or cold.")]
    public string? Mode { get; set; }

    [Output(Description = "gitea, github or generic.")]
    public string? Source { get; set; }

    [Output(Description = "The forge repository (owner/name) the run reports commit statuses to, or empty.")]
    public string? Repository { get; set; }

    [Output(Description = "Why the run trusts only the CI side's tests whatever Ci:Tests:Trust says (fork: the PR's head is from another repository; comment: a !testme, whose payload does not say), or empty.")]
    public string? Untrusted { get; set; }

    [Output(Description = "The delivery id.")]
    public string? DeliveryId { get; set; }

    [Output(Description = "Why the activity took the Error outcome.")]
    public string? Error { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var headers = Headers as JsonObject ?? [];
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
        // A body sent without a JSON content type arrives as text; the parser reads it the same way.
        var verdict = Body is JsonValue text && text.TryGetValue<string>(out var raw)
            ? WebhookPayloadParser.Parse(Header, System.Text.Encoding.UTF8.GetBytes(raw))
            : WebhookPayloadParser.Parse(Header, Body);
        if (!verdict.Accepted)
        {
            context.SetOutput(nameof(Error), $"{verdict.Error}: {verdict.Message}");
            context.Log("Error", verdict.Message);
            context.Complete("Error");
            return ValueTask.CompletedTask;
        }
        var trigger = verdict.Trigger;
        context.SetOutput(nameof(Recipe), trigger.Recipe);
        context.SetOutput(nameof(Ref), trigger.Ref);
        context.SetOutput(nameof(Pr), trigger.Pr ?? string.Empty);
        context.SetOutput(nameof(Mode), trigger.Mode);
        context.SetOutput(nameof(Source), WebhookHeaders.Name(trigger.Source));
        context.SetOutput(nameof(DeliveryId), trigger.DeliveryId);
        context.SetOutput(nameof(Repository), trigger.Repository ?? string.Empty);
        context.SetOutput(nameof(Untrusted), trigger.Untrusted ?? string.Empty);
        context.Complete(FlowPorts.Done);
        return ValueTask.CompletedTask;
    }
}
