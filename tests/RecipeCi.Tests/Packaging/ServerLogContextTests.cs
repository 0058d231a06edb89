using TestKit;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// <c>recipeci serve --log-format json</c>: the lines written while an activity of a run executes carry the workflow
/// instance, the activity, and the recipe run (RunId, Recipe, App) as properties. A cold run through the signed
/// webhook against a Docker endpoint that does not exist fails at its deploy, and that failure is logged.
/// </summary>
public sealed class ServerLogContextTests
{
    [Fact]
    public async Task Json_log_lines_of_a_runs_activities_carry_instance_run_and_app_ids()
    {
        using var folder = new TempFolder("log-context");
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        new FixtureRecipes().CreateRepository("ci-app", recipes);
        await using var server = await CiServer.StartAsync(Path.Combine(folder.Path, "data"), recipes, null,
            "--Docker:Endpoint", "unix://" + Path.Combine(folder.Path, "no-docker.sock"));

        var accepted = await server.TriggerAsync("ci-app", "1.1.0+1.0", "cold");
        var runId = accepted["runId"]!.ToString();
        var instanceId = accepted["instanceId"]!.ToString();
        await server.WaitFinishedAsync(instanceId, TimeSpan.FromMinutes(2));

        var events = server.LogEvents();
        var failure = events.FirstOrDefault(e => e["@l"]?.ToString() == "Error" && e["RunId"]?.ToString() == runId
                                                 && e["ActivityType"]?.ToString() == "Recipes.Deploy");
        Assert.True(failure is not null, "no error line of the deploy with RunId " + runId + ":\n" + server.Process.Output);
        Assert.Equal(instanceId, failure["WorkflowInstanceId"]?.ToString());
        Assert.Equal("cold", failure["WorkflowDefinitionId"]?.ToString());
        Assert.Equal("ci-app", failure["Recipe"]?.ToString());
        Assert.Equal($"ci-ci-app-{runId[..8]}", failure["App"]?.ToString());
        Assert.False(string.IsNullOrEmpty(failure["ActivityId"]?.ToString()));

        // No line about the run lacks the instance it was written in (ResolveRun's in ci, the rest in cold).
        var ofRun = events.Where(e => e["RunId"]?.ToString() == runId).ToList();
        Assert.NotEmpty(ofRun);
        Assert.All(ofRun, e => Assert.False(string.IsNullOrEmpty(e["WorkflowInstanceId"]?.ToString()), e.ToJsonString()));
    }
}
