using System.Diagnostics;
using System.Text.Json.Nodes;
using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// <c>recipeci recipes add</c> and the nightly sweep's fetch, as real processes: a recipe cloned from a bare repository
/// standing in for the forge lists a version tag that exists only on the forge once <c>ListRecipes</c> (the sweep's
/// first step) has run; bad names, taken names and unreachable URLs exit 1 naming the problem.
/// </summary>
public sealed class RecipeFetchCommandTests
{
    [Fact]
    public async Task The_nightly_sweeps_list_step_fetches_a_tag_pushed_to_the_forge_after_the_recipe_was_added()
    {
        using var folder = new TempFolder("sweep-fetch");
        var forge = new ForgeRepository(folder.Path, UniqueName.For("sf"));
        var recipes = Path.Combine(folder.Path, "recipes");
        var (added, addOutput) = await RecipeCiProcess.RunAsync(["recipes", "add", forge.Recipe, forge.BarePath, "--Recipes:Root", recipes]);
        Assert.True(added == 0, addOutput);
        Assert.Contains("remote 'origin'", addOutput, StringComparison.Ordinal);
        var sha = forge.CommitAndPush("1.1.0+1.0", "refs/heads/release", "Release 1.9.0", work => File.AppendAllText(Path.Combine(work, "README.md"), "1.9\n"));
        forge.PushTag("1.9.0+1.0", sha);

        var flow = Path.Combine(folder.Path, "list.json");
        await File.WriteAllTextAsync(flow, ListFlow);
        var (exit, stdout, stderr) = await RunJsonAsync("run", flow, "--json", "--DataDir", Path.Combine(folder.Path, "data"), "--Recipes:Root", recipes);

        Assert.True(exit == 0, stdout + stderr);
        var result = JsonNode.Parse(stdout)!;
        var listed = result["variables"]!["Recipes"]!.AsArray().Single(r => r!["recipe"]!.ToString() == forge.Recipe)!;
        Assert.Equal("1.9.0+1.0", listed["ref"]!.ToString());
    }

    [Fact]
    public async Task Recipes_add_refuses_a_bad_name_a_taken_name_and_an_unreachable_url()
    {
        using var folder = new TempFolder("recipes-add");
        var forge = new ForgeRepository(folder.Path, UniqueName.For("ra"));
        var recipes = Path.Combine(folder.Path, "recipes");

        var (badName, badNameOutput) = await RecipeCiProcess.RunAsync(["recipes", "add", "Bad_Name", forge.BarePath, "--Recipes:Root", recipes]);
        Assert.Equal(1, badName);
        Assert.Contains("not a valid recipe name", badNameOutput, StringComparison.Ordinal);

        Assert.Equal(0, (await RecipeCiProcess.RunAsync(["recipes", "add", forge.Recipe, forge.BarePath, "--Recipes:Root", recipes])).ExitCode);
        var (taken, takenOutput) = await RecipeCiProcess.RunAsync(["recipes", "add", forge.Recipe, forge.BarePath, "--Recipes:Root", recipes]);
        Assert.Equal(1, taken);
        Assert.Contains("already exists", takenOutput, StringComparison.Ordinal);

        var missing = Path.Combine(folder.Path, "no-such-repo.git");
        var (unreachable, unreachableOutput) = await RecipeCiProcess.RunAsync(["recipes", "add", "other", missing, "--Recipes:Root", recipes]);
        Assert.Equal(1, unreachable);
        Assert.Contains($"Cloning {missing} as recipe other failed", unreachableOutput, StringComparison.Ordinal);
    }

    /// <summary>recipeci with stdout (the JSON) apart from stderr (the logs).</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunJsonAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RecipeCiProcess.ExecutablePath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The nightly sweep's first step alone, its list kept in a variable that <c>run --json</c> prints.</summary>
    private const string ListFlow = """
        {
          "id": "list-recipes-v1", "definitionId": "list-recipes", "name": "List recipes", "version": 1, "isLatest": true, "isPublished": true,
          "variables": [ { "id": "recipes", "name": "Recipes", "typeName": "Object", "value": null, "storageDriverTypeName": null } ],
          "inputs": [], "outputs": [], "options": {},
          "root": {
            "id": "root", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "list", "name": "List recipes", "type": "Recipes.ListRecipes", "version": 1, "customProperties": {},
                "recipes": { "typeName": "Object", "memoryReference": { "id": "recipes" } } }
            ],
            "connections": []
          }
        }
        """;
}
