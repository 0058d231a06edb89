using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// How the <c>bench</c> commands report: a progress bar while measuring (only on a terminal, and not with
/// <c>--json</c>, so piped output stays one JSON object), then the result as JSON or as a table of figures.
/// </summary>
public static class BenchOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the measurement, with a progress bar of <paramref name="total"/> units when a person is watching.</summary>
    public static Task<T> MeasureAsync<T>(bool json, string label, int total, Func<IProgress<int>?, Task<T>> measure)
    {
        if (json || !AnsiConsole.Profile.Capabilities.Interactive)
            return measure(null);
        return AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(label, maxValue: total);
            return await measure(new Progress<int>(done => task.Value = done));
        });
    }

    /// <summary>The result as one JSON object (camelCase), or the table <paramref name="figures"/> builds.</summary>
    public static void Write<T>(bool json, T result, Func<T, Table> figures)
    {
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
        else
            AnsiConsole.Write(figures(result));
    }

    /// <summary>A two-column table: figure, right-aligned value.</summary>
    public static Table Figures() => new Table().AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());

    /// <summary>A figure in the invariant culture, so reports read the same on every machine.</summary>
    public static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
