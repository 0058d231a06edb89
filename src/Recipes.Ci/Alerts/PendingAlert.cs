namespace Recipes.Ci.Alerts;

/// <summary>An alert file not yet delivered to every sink.</summary>
public sealed record PendingAlert(string Path, Alert Alert);
