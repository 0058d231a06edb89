namespace RecipeCi.Cli;

/// <summary>What every <c>bench</c> command offers: a table for a person, or <c>--json</c> for a script.</summary>
public class BenchSettings : CommandSettings
{
    [CommandOption("--json"), Description("Print one JSON object instead of a table.")]
    public bool Json { get; init; }
}
