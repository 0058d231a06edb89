using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Recipes.Ci.Catalog;
using Recipes.Ci.Runs;
using Workflows.Core.Definitions;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// Reads a CI webhook whose signature was already checked: Gitea/Forgejo and GitHub <c>pull_request</c> events
/// (recipe = repository name, ref = PR head sha, PR number; actions other than opened/synchronize/reopened are
/// ignored), <c>push</c> and <c>issue_comment</c> (see <see cref="ForgeEvents"/>), and the generic
/// <c>{recipe, ref, pr, mode}</c>. Any other forge event is ignored (200) with the reason. Every field is validated
/// strictly; every problem is named. The same parser runs in the webhook's authorization (before anything is created) and in the workflow
/// (<see cref="Activities.ReadWebhook"/>), so both see the same trigger.
/// </summary>
public static partial class WebhookPayloadParser
{
    /// <summary>Gitea says "synchronized", GitHub "synchronize".</summary>
    private static readonly HashSet<string> RunActions = new(StringComparer.Ordinal) { "opened", "reopened", "synchronize", "synchronized" };

    private static readonly HashSet<string> GenericFields = new(StringComparer.Ordinal) { "recipe", "ref", "pr", "mode" };

    public static WebhookVerdict Parse(Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        JsonNode? json;
        try
        {
            json = body.IsEmpty ? null : StrictJson.Parse(body);
        }
        catch (JsonException e)
        {
            return Reject("malformed-json", $"The body is not valid JSON ({e.Message}); send the payload as application/json.");
        }
        return Parse(header, json);
    }

    public static WebhookVerdict Parse(Func<string, string?> header, JsonNode? body)
    {
        var source = WebhookHeaders.SourceOf(header);
        var eventName = source == WebhookSource.Generic ? null : header(WebhookHeaders.EventHeader(source)!)!.Trim();
        if (eventName == "ping")
            return WebhookVerdict.Ignore("A ping event: the webhook reaches this server and its signature is valid.");
        if (eventName is not (null or "pull_request" or "pull_request_sync" or "push" or "issue_comment"))
            return WebhookVerdict.Ignore($"Event '{Clip(eventName)}' does not start a run; recipeci acts on pull_request, push (default branch and tags) and issue_comment ('!testme' on a pull request).");
        if (body is not JsonObject payload)
            return Reject("malformed-json", body is null ? "The body is empty; send a JSON object." : "The body must be a JSON object.");

        var deliveryHeader = WebhookHeaders.DeliveryHeader(source);
        var deliveryId = header(deliveryHeader)?.Trim();
        if (string.IsNullOrEmpty(deliveryId))
            return Reject("missing-delivery-id", $"Header {deliveryHeader} is missing; deliveries are de-duplicated by it.");
        if (!DeliveryIdPattern().IsMatch(deliveryId))
            return Reject("bad-delivery-id", $"Header {deliveryHeader} must be 1-100 letters, digits and . _ : -.");

        return eventName switch
        {
            null => ParseGeneric(payload, deliveryId),
            "push" => ForgeEvents.ParsePush(source, payload, deliveryId),
            "issue_comment" => ForgeEvents.ParseComment(source, payload, deliveryId),
            _ => ParsePullRequest(source, payload, deliveryId),
        };
    }

    private static WebhookVerdict ParsePullRequest(WebhookSource source, JsonObject payload, string deliveryId)
    {
        var action = Text(payload["action"]);
        if (action is null)
            return Reject("missing-action", "The pull_request event has no 'action'.");
        if (!RunActions.Contains(action))
            return WebhookVerdict.Ignore($"Pull request action '{Clip(action)}' does not start a run (only opened, synchronize and reopened do).");

        if (payload["pull_request"] is not JsonObject pullRequest)
            return Reject("missing-pull-request", "The pull_request event has no 'pull_request' object.");
        if (RecipeOf(payload, out var recipe) is { } bad)
            return bad;

        var head = pullRequest["head"] as JsonObject;
        var gitRef = Text(head?["sha"]) ?? Text(head?["ref"]);
        if (gitRef is null)
            return Reject("missing-ref", "The pull request has no 'head.sha' or 'head.ref'.");
        if (!GitRefRule.IsValid(gitRef))
            return Reject("bad-ref", $"Ref '{Clip(gitRef)}' is not allowed: use {GitRefRule.Description}.");

        var number = payload["number"] ?? pullRequest["number"];
        if (!TryPr(number, out var pr) || pr is null)
            return Reject("bad-pr", "The pull request number ('number') must be a whole number from 1 to 2147483647.");
        return WebhookVerdict.Accept(new CiTrigger(source, deliveryId, recipe, gitRef, pr, RunModes.Quick)
        {
            Repository = RepositoryOf(payload),
            Untrusted = IsFromFork(pullRequest) ? TestTrustReasons.Fork : null,
        });
    }

    /// <summary>
    /// A head from another repository than the base (Gitea/Forgejo and GitHub both send <c>head.repo.full_name</c> and
    /// <c>base.repo.full_name</c>; <c>head.repo.fork</c> is true when the head repository is a fork). A missing head
    /// repository (the fork was deleted) or base name counts as a fork: when in doubt, the run trusts only CI's tests.
    /// </summary>
    private static bool IsFromFork(JsonObject pullRequest)
    {
        if (pullRequest["head"]?["repo"] is not JsonObject headRepo)
            return true;
        if (headRepo["fork"] is JsonValue fork && fork.TryGetValue<bool>(out var isFork) && isFork)
            return true;
        var head = Text(headRepo["full_name"]);
        var @base = Text(pullRequest["base"]?["repo"]?["full_name"]);
        return head is null || @base is null || !string.Equals(head, @base, StringComparison.OrdinalIgnoreCase);
    }

    private static WebhookVerdict ParseGeneric(JsonObject payload, string deliveryId)
    {
        if (payload.Select(p => p.Key).FirstOrDefault(k => !GenericFields.Contains(k)) is { } unknown)
            return Reject("unknown-field", $"Field '{Clip(unknown)}' is not understood; the generic payload is {{recipe, ref, pr, mode}}.");
        if (!TryText(payload["recipe"], out var recipe) || string.IsNullOrEmpty(recipe))
            return Reject("missing-recipe", "Field 'recipe' (a string) is missing.");
        if (!IsRecipeName(recipe))
            return Reject("bad-recipe", $"Recipe '{Clip(recipe)}' is not a valid recipe name: 1-40 lower-case letters, digits and dashes, starting with a letter.");
        if (!TryText(payload["ref"], out var gitRef) || string.IsNullOrEmpty(gitRef))
            return Reject("missing-ref", "Field 'ref' (a string) is missing.");
        if (!GitRefRule.IsValid(gitRef))
            return Reject("bad-ref", $"Ref '{Clip(gitRef)}' is not allowed: use {GitRefRule.Description}.");
        if (!TryPr(payload["pr"], out var pr))
            return Reject("bad-pr", "Field 'pr' must be a whole number from 1 to 2147483647 (or absent).");
        if (!TryText(payload["mode"], out var mode))
            return Reject("bad-mode", "Field 'mode' must be \"quick\" or \"cold\".");
        mode ??= RunModes.Quick;
        if (mode is not (RunModes.Quick or RunModes.Cold))
            return Reject("bad-mode", $"Mode '{Clip(mode)}' is not allowed; use \"quick\" or \"cold\".");
        return WebhookVerdict.Accept(new CiTrigger(WebhookSource.Generic, deliveryId, recipe, gitRef, pr, mode));
    }

    /// <summary>The recipe is the forge repository's name; a rejection when it is missing or not a recipe name.</summary>
    internal static WebhookVerdict? RecipeOf(JsonObject payload, out string recipe)
    {
        recipe = Text(payload["repository"]?["name"]) ?? string.Empty;
        if (recipe.Length == 0)
            return Reject("missing-recipe", "The event has no 'repository.name' (the recipe).");
        if (!IsRecipeName(recipe))
            return Reject("bad-recipe", $"Repository name '{Clip(recipe)}' is not a valid recipe name: 1-40 lower-case letters, digits and dashes, starting with a letter.");
        return null;
    }

    /// <summary>The forge repository's <c>owner/name</c> (<c>repository.full_name</c>), where statuses go; null when absent or odd.</summary>
    internal static string? RepositoryOf(JsonObject payload) =>
        Text(payload["repository"]?["full_name"]) is { } name && RepositoryPattern().IsMatch(name) ? name : null;

    /// <summary>A string value, or null when absent; false for any other JSON kind.</summary>
    private static bool TryText(JsonNode? node, out string? text)
    {
        text = null;
        if (node is null)
            return true;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String && (text = value.GetValue<string>()) is not null;
    }

    internal static string? Text(JsonNode? node) => TryText(node, out var text) && !string.IsNullOrEmpty(text) ? text : null;

    /// <summary>A PR number from a JSON number or a string of digits; null when absent.</summary>
    internal static bool TryPr(JsonNode? node, out string? pr)
    {
        pr = null;
        if (node is null)
            return true;
        if (node is not JsonValue value)
            return false;
        var raw = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
        if (raw is null || !PrPattern().IsMatch(raw) || !int.TryParse(raw, out var number) || number < 1)
            return false;
        pr = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Echoed values are cut short and stripped of control characters, so an answer cannot be flooded or split.</summary>
    internal static string Clip(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c)).Take(80).ToArray());
        return value.Length > 80 ? clean + "…" : clean;
    }

    /// <summary>
    /// <see cref="RecipeName"/>'s rule, and no trailing newline: its pattern ends in "$", which .NET also matches
    /// before a final "\n".
    /// </summary>
    public static bool IsRecipeName(string value) => !value.EndsWith('\n') && RecipeName.TryParse(value, out _);

    internal static WebhookVerdict Reject(string error, string message) => WebhookVerdict.Reject(400, error, message);

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,100}\z")]
    private static partial Regex DeliveryIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}/[A-Za-z0-9._-]{1,100}\z")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[0-9]{1,10}\z")]
    private static partial Regex PrPattern();
}
