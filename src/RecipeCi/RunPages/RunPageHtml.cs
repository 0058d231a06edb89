using Recipes.Ci.Runs;

namespace RecipeCi.RunPages;

/// <summary>
/// The HTML of one run: a coloured result banner with the reason, the labels, phases with durations, every test
/// case with its output (failed ones open), the canonical used or promoted and a link to Studio's instance viewer.
/// Laid out as one column so it reads on a phone.
/// </summary>
internal static class RunPageHtml
{
    public static string Render(RunPageView run)
    {
        var html = new Html().Begin($"{run.Result} · {run.Recipe} {run.Ref} · recipeci", run.Finished ? null : 5);
        html.Raw($"<header class=\"result result-{Html.Encode(run.Result)}\">")
            .Element("span", "result-word", run.Result.ToUpperInvariant())
            .Element("h1", null, $"{run.Mode} run of {run.Recipe} at {run.Ref}");
        if (!run.Finished)
            html.Element("p", "step", run.CurrentStep is null ? $"running for {Html.Seconds(run.ElapsedSeconds)}" : $"now: {run.CurrentStep} · {Html.Seconds(run.ElapsedSeconds)}");
        html.Raw("</header>\n");
        if (run.Reason is not null)
            html.Raw("<section class=\"reason\"><h2>Why</h2>").Element("pre", null, run.Reason).Raw("</section>\n");

        html.Raw("<section><h2>Run</h2><dl>")
            .Fact("Run", run.RunId).Fact("Result", run.Result).Fact("Mode", run.Mode).Fact("Recipe", run.Recipe).Fact("Ref", run.Ref)
            .Fact("Commit", run.Commit).Fact("Pull request", run.Pr is null ? null : "#" + run.Pr).Fact("Trigger", run.Trigger)
            .Fact("App", run.App).Fact("Deploys", run.DeployCount.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Fact("Started", run.StartedAt.UtcDateTime.ToString("u")).Fact("Duration", Html.Seconds(run.ElapsedSeconds))
            .Fact("Instance", run.InstanceStatus is null ? run.InstanceId : $"{run.InstanceId} ({run.InstanceStatus})");
        if (run.ParentRunId is not null)
            html.Fact("Started by run", run.ParentRunId);
        html.Fact("Tests trusted", run.TestsTrust).Fact("Tests from", run.TestsSource);
        html.Raw("</dl><p>").Link(run.StudioUrl, "Open in Studio's instance viewer", "studio").Raw("</p></section>\n");

        Phases(html, run);
        Tests(html, run);
        if (run.Canonical is { } canonical)
            html.Raw("<section><h2>Canonical</h2><dl>").Fact("Role", canonical.Role == "promoted" ? "promoted by this run" : "used by this run")
                .Fact("Commit", canonical.Commit).Fact("Version", canonical.Version).Fact("Promoted by run", canonical.PromotedBy)
                .Fact("Promoted", canonical.PromotedAt.UtcDateTime.ToString("u")).Raw("</dl></section>\n");
        html.Raw("<footer>").Link("/runs", "All runs").Raw("</footer>\n");
        return html.End();
    }

    private static void Phases(Html html, RunPageView run)
    {
        html.Raw("<section><h2>Phases</h2>");
        if (run.Phases.Count == 0)
            html.Element("p", "muted", "No phase has finished yet.");
        else
        {
            html.Raw("<table class=\"phases\"><tbody>");
            foreach (var phase in run.Phases)
                html.Raw("<tr><th scope=\"row\">").Text(phase.Name).Raw("</th><td>").Text(Html.Seconds(phase.Seconds)).Raw("</td></tr>");
            html.Raw("</tbody></table>");
        }
        html.Raw("</section>\n");
    }

    private static void Tests(Html html, RunPageView run)
    {
        var failed = run.Tests.Count(t => t.Outcome != "passed");
        html.Raw("<section><h2>Tests</h2>");
        if (run.Tests.Count == 0)
            html.Element("p", "muted", run.Finished ? "No test report (the run did not reach its tests)." : "The tests have not run yet.");
        else
            html.Element("p", failed > 0 ? "summary bad" : "summary good", $"{run.Tests.Count - failed}/{run.Tests.Count} tests passed");
        foreach (var test in run.Tests)
        {
            var passed = test.Outcome == "passed";
            html.Raw(passed ? "<details class=\"test test-passed\">" : "<details class=\"test test-failed\" open>")
                .Raw("<summary>").Element("span", "outcome", test.Outcome).Element("span", "name", test.Name)
                .Element("span", "time", Html.Seconds(test.Seconds)).Raw("</summary>");
            if (!passed && test.Message is not null)
                html.Element("p", "message", test.Message);
            html.Element("pre", "output", test.Output.Length == 0 ? "(no output)" : test.Output).Raw("</details>\n");
        }
        html.Raw("</section>\n");
    }

    /// <summary>The run list: newest first, one line per run with its coloured result.</summary>
    public static string RenderList(IReadOnlyList<(RunRecord Run, string? Link)> runs)
    {
        var html = new Html().Begin("Runs · recipeci", runs.Any(r => r.Run.FinishedAt is null) ? 10 : null);
        html.Element("h1", null, "Runs").Raw("<ol class=\"runs\">");
        foreach (var (run, link) in runs)
        {
            var result = run.FinishedAt is null ? "running" : run.Result ?? RunResults.Error;
            html.Raw($"<li class=\"run result-{Html.Encode(result)}\">").Element("span", "result-word", result);
            if (link is not null)
                html.Link(link, $"{run.Recipe} {run.Ref}");
            else
                html.Text($"{run.Recipe} {run.Ref}");
            html.Element("span", "muted", $" {run.Mode} · {run.Trigger}{(run.Pr is null ? "" : " · PR #" + run.Pr)} · {run.StartedAt.UtcDateTime:u}");
            if (run.Reason is not null && result != RunResults.Pass)
                html.Element("span", "why", run.Reason.Split('\n', 2)[0]);
            html.Raw("</li>\n");
        }
        html.Raw("</ol>");
        if (runs.Count == 0)
            html.Element("p", "muted", "No runs yet.");
        return html.End();
    }
}
