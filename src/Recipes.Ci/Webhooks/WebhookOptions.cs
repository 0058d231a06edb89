namespace Recipes.Ci.Webhooks;

/// <summary>The CI webhook's settings.</summary>
/// <param name="Secret">The shared HMAC secret (<c>Ci:WebhookSecret</c>); null refuses every delivery. Never logged.</param>
/// <param name="DeliveryRetention">How long accepted delivery ids are remembered for replay detection.</param>
public sealed record WebhookOptions(string? Secret, TimeSpan DeliveryRetention)
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    /// <summary>Keeps the secret out of logs and exception messages that print records.</summary>
    public override string ToString() => $"WebhookOptions {{ Secret = {(HasSecret ? "(set)" : "(not set)")}, DeliveryRetention = {DeliveryRetention} }}";
}
