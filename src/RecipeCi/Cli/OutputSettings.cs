using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// The output choice of commands that print lists: <c>--json</c>, or <c>--output table|plain|json</c>. Without one, a
/// terminal gets a table and a pipe or file gets plain columns (<see cref="CliTable"/>).
/// </summary>
public class OutputSettings : CommandSettings
{
    private static readonly string[] Formats = ["table", "plain", "json"];

    [CommandOption("--json"), Description("Print JSON instead of a table (same as --output json).")]
    public bool Json { get; init; }

    [CommandOption("--output <FORMAT>"), Description("table, plain (untruncated columns, the default when stdout is not a terminal) or json.")]
    public string? Output { get; init; }

    /// <summary>JSON was asked for.</summary>
    public bool WantsJson => Json || Output == "json";

    /// <summary>Plain columns: asked for, or stdout is not a terminal and no table was asked for.</summary>
    public bool WantsPlain => Output == "plain" || (Output is null && Console.IsOutputRedirected);

    public override ValidationResult Validate() =>
        Output is null || Formats.Contains(Output)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--output '{Output}' is not allowed; use table, plain or json.");
}
