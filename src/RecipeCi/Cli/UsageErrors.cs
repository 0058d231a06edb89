using System.Reflection;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// The CLI's answer to a mistyped command line: the parser's message (with a suggestion for an unknown option) on
/// standard error and exit code 2, the same for every command. Anything else that escapes a command is a bug: it is
/// printed whole and exits 1.
/// </summary>
public static class UsageErrors
{
    public const int ExitCode = 2;

    public static int Handle(Exception exception)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (exception is not CommandAppException usage)
        {
            stderr.WriteLine($"recipeci: unexpected error: {exception}");
            return 1;
        }
        if (usage.Pretty is { } pretty) stderr.Write(pretty);
        else stderr.MarkupLine($"[red]Error:[/] {Markup.Escape(usage.Message)}");
        if (Suggestion(usage.Message) is { } suggestion) stderr.MarkupLine($"Did you mean [bold]{Markup.Escape(suggestion)}[/]?");
        stderr.MarkupLine("Run [bold]recipeci --help[/] or [bold]recipeci <command> --help[/] for the options.");
        return ExitCode;
    }

    // "Unknown option 'staus'." -> the nearest option any command declares, when it is close.
    private static string? Suggestion(string message)
    {
        var start = message.IndexOf("Unknown option '", StringComparison.Ordinal);
        if (start < 0) return null;
        start += "Unknown option '".Length;
        var end = message.IndexOf('\'', start);
        if (end < 0) return null;
        var typed = message[start..end].TrimStart('-');
        return DeclaredOptions()
            .Select(o => (Option: o, Distance: Distance(typed, o)))
            .Where(x => x.Distance <= Math.Max(1, typed.Length / 3))
            .OrderBy(x => x.Distance)
            .Select(x => "--" + x.Option)
            .FirstOrDefault();
    }

    private static IEnumerable<string> DeclaredOptions() =>
        typeof(UsageErrors).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(a => a.LongNames)
            .Distinct(StringComparer.Ordinal);

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
