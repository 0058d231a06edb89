using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace RecipeCi.Cli;

/// <summary>
/// The last line of <c>recipeci run</c>: <c>quick Finished/Finished in 41.2 s, 23 steps, 0 incidents, instance …</c>;
/// a recipe run puts its <c>result: …</c> in front (see <see cref="RunCommand.ResultLine"/>).
/// </summary>
public static class RunSummary
{
    public static string Line(WorkflowInstanceRecord result, TimeSpan elapsed, int steps)
    {
        var incidents = WorkflowJson.Parse(result.IncidentsJson) is JsonArray list ? list.Count : 0;
        return $"{result.Name ?? result.DefinitionId} {result.Status}/{result.SubStatus} in {Duration(elapsed)}, "
               + $"{Count(steps, "step")}, {Count(incidents, "incident")}, instance {result.Id}";
    }

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
