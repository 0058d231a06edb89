namespace Recipes.Ci.Runs;

/// <summary>The run mode labels.</summary>
public static class RunModes
{
    public const string Quick = "quick";
    public const string Cold = "cold";
    public const string ColdFallback = "cold (fallback)";

    public static bool IsCold(string mode) => mode is Cold or ColdFallback;

    public static bool IsKnown(string mode) => mode is Quick or Cold or ColdFallback;
}

/// <summary>The run result labels.</summary>
public static class RunResults
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Error = "error";
}

/// <summary>The run trigger labels.</summary>
public static class RunTriggers
{
    public const string Webhook = "webhook";
    public const string Nightly = "nightly";
    public const string Manual = "manual";

    public static bool IsKnown(string trigger) => trigger is Webhook or Nightly or Manual;
}
