using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// The console the CLI draws on: as wide as <c>COLUMNS</c> says when it is set (a terminal that does not report its
/// size, or a user who wants another width), else as wide as the terminal.
/// </summary>
public static class CliConsole
{
    /// <summary>The width from <c>COLUMNS</c>, or null when it is unset or not a positive number.</summary>
    public static int? ColumnsVariable =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : null;

    /// <summary>How wide help and errors are drawn when stdout is not a terminal and COLUMNS is unset: wide enough that no example is cut.</summary>
    public const int PipeWidth = 240;

    /// <summary>
    /// The console of Spectre's help and usage errors: the terminal's (or COLUMNS') width, and <see cref="PipeWidth"/>
    /// when piped, where Spectre would otherwise assume 80 columns and break examples mid-argument.
    /// </summary>
    public static IAnsiConsole CreateForHelp()
    {
        var console = Create();
        if (ColumnsVariable is null && Console.IsOutputRedirected)
            console.Profile.Width = PipeWidth;
        return console;
    }

    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (ColumnsVariable is { } width)
            console.Profile.Width = width;
        return console;
    }
}
