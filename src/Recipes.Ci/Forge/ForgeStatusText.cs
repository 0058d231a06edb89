using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Forge;

/// <summary>
/// What a finished run says on the forge: a one-line status description
/// (<c>quick: 12/12 tests passed, 1 deploy, 41 s</c>) and the pull request comment's test table.
/// </summary>
public static class ForgeStatusText
{
    /// <summary>GitHub cuts descriptions at 140 characters; Gitea shows them in one line too.</summary>
    public const int MaxDescription = 140;

    public static string Describe(RunRecord record, string mode, string result, DateTimeOffset now)
    {
        var cases = TestCases(record.ReportXml);
        var parts = new List<string>();
        if (cases.Count > 0)
            parts.Add($"{cases.Count(c => c.Passed)}/{cases.Count} tests passed");
        else
            parts.Add(result == RunResults.Error ? "error before any test ran" : "no tests");
        parts.Add(record.DeployCount == 1 ? "1 deploy" : $"{record.DeployCount} deploys");
        parts.Add($"{Seconds(record, now)} s");
        var text = $"{mode}: {string.Join(", ", parts)}";
        return text.Length > MaxDescription ? text[..(MaxDescription - 1)] + "…" : text;
    }

    /// <summary>The Markdown comment: the result line, a link to the run page, one table row per test case.</summary>
    public static string Comment(RunRecord record, string mode, string result, string? targetUrl, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**recipeci {mode}: {result}** ({Describe(record, mode, result, now)})");
        text.AppendLine(targetUrl is null ? string.Empty : $" · [run page]({targetUrl})");
        var cases = TestCases(record.ReportXml);
        if (cases.Count == 0)
            return text.ToString();
        text.AppendLine().AppendLine("| test | result | seconds |").AppendLine("| --- | --- | --- |");
        foreach (var test in cases)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(test.Name)} | {(test.Passed ? "pass" : test.Skipped ? "skipped" : "**fail**")} | {test.Seconds} |");
        return text.ToString();
    }

    private static long Seconds(RunRecord record, DateTimeOffset now) =>
        (long)Math.Round(((record.FinishedAt ?? now) - record.StartedAt).TotalSeconds);

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private sealed record TestCase(string Name, bool Passed, bool Skipped, string Seconds);

    private static List<TestCase> TestCases(string? junitXml)
    {
        if (string.IsNullOrWhiteSpace(junitXml) || !junitXml.TrimStart().StartsWith('<'))
            return [];
        try
        {
            return XDocument.Parse(junitXml).Descendants("testcase").Select(c =>
            {
                var failed = c.Element("failure") is not null || c.Element("error") is not null;
                var skipped = c.Element("skipped") is not null;
                return new TestCase((string?)c.Attribute("name") ?? "?", !failed && !skipped, skipped, (string?)c.Attribute("time") ?? "");
            }).ToList();
        }
        catch (XmlException)
        {
            return [];
        }
    }
}
