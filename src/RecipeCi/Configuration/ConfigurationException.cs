namespace RecipeCi.Configuration;

/// <summary>Bad configuration: the message names every offending key and what is allowed.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception("Configuration error:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)) +
                Environment.NewLine + "Fix these keys in appsettings.json, RECIPECI_ environment variables or --Key flags, then start again.")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
