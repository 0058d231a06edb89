namespace Recipes.Ci.Alerts;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
