namespace Recipes.Ci.Alerts;

/// <summary>A sink did not accept an alert; the message names the sink and the answer, never its token.</summary>
public sealed class AlertDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
