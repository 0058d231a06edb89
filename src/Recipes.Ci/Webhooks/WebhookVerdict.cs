using System.Diagnostics.CodeAnalysis;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// The outcome of reading a webhook: a <see cref="Trigger"/> to run, or an answer that starts nothing (a rejection
/// with a 4xx status, or an event that is ignored on purpose with 200).
/// </summary>
public sealed record WebhookVerdict
{
    public CiTrigger? Trigger { get; private init; }
    public int StatusCode { get; private init; }

    /// <summary>A short name of the problem, e.g. <c>bad-signature</c>, or <c>ignored</c>.</summary>
    public string Error { get; private init; } = string.Empty;

    public string Message { get; private init; } = string.Empty;

    [MemberNotNullWhen(true, nameof(Trigger))]
    public bool Accepted => Trigger is not null;

    public bool Ignored => StatusCode == 200 && Trigger is null;

    public static WebhookVerdict Accept(CiTrigger trigger) => new() { Trigger = trigger, StatusCode = 202 };

    public static WebhookVerdict Reject(int statusCode, string error, string message) =>
        new() { StatusCode = statusCode, Error = error, Message = message };

    public static WebhookVerdict Ignore(string message) => new() { StatusCode = 200, Error = "ignored", Message = message };
}
