using System.ComponentModel;
using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeCi.Cli;

/// <summary>Options of <c>recipeci trigger</c>; the secret may come from RECIPECI_WEBHOOK_SECRET so it stays out of process lists.</summary>
public sealed class TriggerSettings : CommandSettings
{
    [CommandOption("--server <URL>")]
    [Description("The recipeci server (default http://127.0.0.1:5080, or RECIPECI_SERVER).")]
    public string? Server { get; init; }

    [CommandOption("--secret <SECRET>")]
    [Description("The server's Ci:WebhookSecret (or RECIPECI_WEBHOOK_SECRET, which keeps it out of the process list).")]
    public string? Secret { get; init; }

    [CommandOption("--recipe <RECIPE>")]
    [Description("The recipe to test.")]
    public string? Recipe { get; init; }

    [CommandOption("--ref <REF>")]
    [Description("A tag, branch or commit sha of the recipe.")]
    public string? Ref { get; init; }

    [CommandOption("--pr <N>")]
    [Description("The pull request number, if any.")]
    public int? Pr { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description("quick (default) or cold.")]
    public string? Mode { get; init; }

    [CommandOption("--delivery-id <ID>")]
    [Description("The delivery id to send (1-100 letters, digits and . _ : -); default a fresh one. Give your CI job's own id so even a re-run of the job starts no second run.")]
    public string? DeliveryId { get; init; }

    [CommandOption("--attempts <N>")]
    [Description("How many times to send the webhook when the server cannot be reached or answers 5xx (default 5, backing off 2, 4, 8, 16 s); every attempt carries the same delivery id and body.")]
    public int Attempts { get; init; } = 5;

    [CommandOption("--json")]
    [Description("Print the server's JSON answer.")]
    public bool Json { get; init; }

    public Uri ServerUri => new((Server ?? Environment.GetEnvironmentVariable("RECIPECI_SERVER") ?? "http://127.0.0.1:5080").TrimEnd('/') + "/");

    public string? SecretValue => Secret ?? Environment.GetEnvironmentVariable("RECIPECI_WEBHOOK_SECRET");

    public override ValidationResult Validate()
    {
        var server = Server ?? Environment.GetEnvironmentVariable("RECIPECI_SERVER");
        if (server is not null && !(Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return ValidationResult.Error($"--server '{server}' is not allowed; use an http or https URL such as http://127.0.0.1:5080.");
        if (string.IsNullOrEmpty(SecretValue))
            return ValidationResult.Error("--secret is required (or set RECIPECI_WEBHOOK_SECRET): the server's Ci:WebhookSecret.");
        if (string.IsNullOrEmpty(Recipe))
            return ValidationResult.Error("--recipe is required.");
        if (!WebhookPayloadParser.IsRecipeName(Recipe))
            return ValidationResult.Error($"--recipe '{Recipe}' is not a valid recipe name: 1-40 lower-case letters, digits and dashes, starting with a letter.");
        if (string.IsNullOrEmpty(Ref))
            return ValidationResult.Error("--ref is required.");
        if (!GitRefRule.IsValid(Ref))
            return ValidationResult.Error($"--ref '{Ref}' is not allowed: use {GitRefRule.Description}.");
        if (Pr is < 1)
            return ValidationResult.Error("--pr must be a whole number from 1.");
        if (DeliveryId is not null && !System.Text.RegularExpressions.Regex.IsMatch(DeliveryId, @"^[A-Za-z0-9._:-]{1,100}\z"))
            return ValidationResult.Error($"--delivery-id '{DeliveryId}' is not allowed: use 1-100 letters, digits and . _ : -.");
        if (Attempts is < 1 or > 20)
            return ValidationResult.Error("--attempts must be a whole number from 1 to 20.");
        if (Mode is not (null or RunModes.Quick or RunModes.Cold))
            return ValidationResult.Error($"--mode '{Mode}' is not allowed; use quick or cold.");
        return ValidationResult.Success();
    }
}
