using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace RecipeCi.Cli;

/// <summary>
/// Checks <c>recipeci run --input</c> names against the inputs the workflow declares: an unknown name is refused with
/// the closest declared one (a misspelling) and the full list, before anything runs. A workflow that declares no
/// inputs takes any.
/// </summary>
internal static class RunInputCheck
{
    public static string? Problem(WorkflowDefinitionDocument document, JsonObject input)
    {
        var declared = document.Inputs.Select(i => i.Name).Where(n => !string.IsNullOrEmpty(n)).ToList();
        if (declared.Count == 0)
            return null;
        var problems = new List<string>();
        foreach (var name in input.Select(p => p.Key).Where(k => !declared.Contains(k, StringComparer.Ordinal)))
        {
            var closest = declared.MinBy(d => Distance(name.ToLowerInvariant(), d.ToLowerInvariant()))!;
            var hint = Distance(name.ToLowerInvariant(), closest.ToLowerInvariant()) <= Math.Max(2, closest.Length / 3) ? $"; did you mean '{closest}'?" : ".";
            problems.Add($"--input '{name}' is not an input of {document.DefinitionId}{hint}");
        }
        return problems.Count == 0
            ? null
            : string.Join(Environment.NewLine, problems) + Environment.NewLine + $"{document.DefinitionId} takes: {string.Join(", ", declared)}.";
    }

    /// <summary>Levenshtein distance, small strings only.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
