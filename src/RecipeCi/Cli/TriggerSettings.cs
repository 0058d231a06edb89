using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>Options of <c>recipeci trigger</c>; the secret may come from RECIPECI_WEBHOOK_SECRET so it stays out of process lists.</summary>
public sealed class TriggerSettings : CommandSettings
{
    [CommandOption("--server <URL>"), Description("The recipeci server (default http://127.0.0.1:5080, or RECIPECI_SERVER).")]
    public string? Server { get; init; }

    [CommandOption("--secret <SECRET>"), Description("The server's Ci:WebhookSecret (or RECIPECI_WEBHOOK_SECRET, which keeps it out of the process list).")]
    public string? Secret { get; init; }

    [CommandOption("--recipe <RECIPE>"), Description("The recipe to test.")]
    public string? Recipe { get; init; }

    [CommandOption("--ref <REF>"), Description("A tag, branch or commit sha of the recipe.")]
    public string? Ref { get; init; }

    [CommandOption("--pr <N>"), Description("The pull request number, if any.")]
    public int? Pr { get; init; }

    [CommandOption("--mode <MODE>"), Description("quick (default) or cold.")]
    public string? Mode { get; init; }

    [CommandOption("--delivery-id <ID>"), Description("The delivery id to send (1-100 letters, digits and . _ : -); default a fresh one. Give your CI job's own id so even a re-run of the job starts no second run.")]
    public string? DeliveryId { get; init; }

    [CommandOption("--attempts <N>"), Description("How many times to send the webhook when the server cannot be reached or answers 5xx (default 5, backing off 2, 4, 8, 16 s); every attempt carries the same delivery id and body.")]
    public int Attempts { get; init; } = 5;

    [CommandOption("--wait"), Description("Follow the run to its end (step and time elapsed), print its summary and page, exit 0 pass, 1 fail, 2 error.")]
    public bool Wait { get; init; }

    [CommandOption("--timeout <DURATION>"), Description("With --wait: give up after this long (seconds, or 90s, 20m, 1h; default 1h) and exit 2.")]
    public string? Timeout { get; init; }

    public TimeSpan TimeoutValue => ParseDuration(Timeout) ?? TimeSpan.FromHours(1);

    [CommandOption("--json"), Description("Print the server's JSON answer.")]
    public bool Json { get; init; }

    public Uri ServerUri => ServerAddress.Resolve(Server);

    public string? SecretValue => Secret ?? Environment.GetEnvironmentVariable("RECIPECI_WEBHOOK_SECRET");

    public override ValidationResult Validate()
    {
        if (ServerAddress.Validate(Server) is { Successful: false } server)
            return server;
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
        if (Timeout is not null && ParseDuration(Timeout) is null)
            return ValidationResult.Error($"--timeout '{Timeout}' is not a duration; use seconds (600) or 90s, 20m, 1h.");
        if (Timeout is not null && !Wait)
            return ValidationResult.Error("--timeout only applies with --wait.");
        if (Mode is not (null or RunModes.Quick or RunModes.Cold))
            return ValidationResult.Error($"--mode '{Mode}' is not allowed; use quick or cold.");
        return ValidationResult.Success();
    }

    private static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var unit = char.IsLetter(text[^1]) ? text[^1] : 's';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
            return null;
        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => null,
        };
    }
}
