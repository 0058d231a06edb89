using System.Xml.Linq;
using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Ci.Runs;
using Recipes.Ci.Secrets;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// A recipe shaped like a published Co-op Cloud recipe (fixture ci-coop: app + db behind the external proxy network,
/// a db password secret with "# length=32", an entrypoint config versioned only in abra.sh and rendered by the
/// golang template driver, the db overlay chained through COMPOSE_FILE) goes through the real flows on the real
/// Swarm as abra would deploy it. Its db keeps a hash of its password in its volume and refuses to start on another
/// one, so every deploy on restored data proves the same secret value came back.
/// </summary>
[Trait("Category", "Services")]
public sealed class CoopRecipeTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string Fixture = "ci-coop";

    [Fact]
    public async Task Cold_promotes_with_its_secrets_the_canonical_and_a_quick_run_reuse_them_and_the_next_cold_run_gets_new_ones()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe(Fixture);
        var store = new SecretStore(Path.Combine(world.DataDir, "secrets"));
        var warm = RunApps.Canonical(recipe);

        // 1. A cold run passes (its tests see SECRET_DB_PASSWORD and abra.sh's APP_ENTRYPOINT_VERSION) and promotes.
        var first = await ColdAsync(world, recipe);
        var firstApp = AppName.Parse(first.App!);
        var firstPassword = await store.GetAsync(firstApp, "db_password", "v1", CancellationToken.None);
        Assert.Matches("^[A-Za-z0-9]{32}$", firstPassword);
        var canonical = await world.CanonicalAsync(recipe);
        Assert.Equal(first.RunId, canonical?.RunId);
        Assert.Equal(first.App, canonical?.SnapshotApp);
        Assert.Empty(first.Warnings);
        AssertReportHasNoWarning(first);
        // The secret file never left recipeci's user.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Root, firstApp.Value, "db_password.v1")));

        // 2. The canonical is served: warm-<recipe> runs on the cold run's data, so its db opened with the same password.
        Assert.Equal(canonical!.SnapshotId, (await world.ServedAsync(recipe))?.SnapshotId);
        Assert.Equal("1.0.0+1.0", await world.DeployedVersionAsync(warm.Value));
        Assert.Contains(await SecretNamesAsync(), n => n == $"{warm.Value}_db_password_v1");
        // The entrypoint config (version from abra.sh only) reached the task rendered, not as a template.
        var entrypoint = await TaskFileAsync($"{warm.Value}_app", "/entrypoint.sh");
        Assert.Contains("GREETING='hello from ci-coop'", entrypoint);
        Assert.DoesNotContain("{{", entrypoint);
        Assert.Contains(await ConfigNamesAsync(), n => n == $"{warm.Value}_app_entrypoint_v2");

        // 3. A quick run to 1.1.0 (db redeployed on the canonical's data) passes: the canonical's values came back.
        //    Its version label was not bumped: a warning case in the JUnit report, not a failure.
        var quick = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("Pr", "3"));
        output.WriteLine(quick.Raw);
        Assert.Equal(RunResults.Pass, (string?)quick.Output["Result"]);
        var quickRun = await world.RunRecordAsync((string)quick.Output["RunId"]!);
        Assert.Equal(warm.Value, quickRun?.App);
        var warning = Assert.Single(quickRun!.Warnings);
        Assert.Contains("1.1.0+1.0", warning);
        var labelCase = ReportCases(quickRun)[VersionLabelCheck.CaseName];
        Assert.Null(labelCase.Element("failure"));
        Assert.Contains("says 1.0.0+1.0", labelCase.Element("system-err")!.Value);
        Assert.Equal(canonical, await world.CanonicalAsync(recipe));
        Assert.Equal(canonical.SnapshotId, (await world.ServedAsync(recipe))?.SnapshotId);
        Assert.Empty(store.List(warm)); // warm-<recipe> generated nothing of its own: it used the canonical's values

        // 4. A second cold run gets new values, promotes, and the canonical now keeps those; the first run's are deleted.
        var second = await ColdAsync(world, recipe);
        var secondPassword = await store.GetAsync(AppName.Parse(second.App!), "db_password", "v1", CancellationToken.None);
        Assert.Matches("^[A-Za-z0-9]{32}$", secondPassword);
        Assert.NotEqual(firstPassword, secondPassword);
        Assert.Equal(second.RunId, (await world.CanonicalAsync(recipe))?.RunId);
        Assert.Null(await store.GetAsync(firstApp, "db_password", "v1", CancellationToken.None));
        // Served again on the second run's data with the second run's password (the first one's Docker secret went with its app).
        Assert.Equal((await world.CanonicalAsync(recipe))?.SnapshotId, (await world.ServedAsync(recipe))?.SnapshotId);
    }

    /// <summary>A cold run of 1.0.0 that passes; afterwards the Docker API lists nothing of its stack.</summary>
    private async Task<RunRecord> ColdAsync(CiWorld world, string recipe)
    {
        var cold = await world.RunAsync("cold", null, ("Recipe", recipe), ("Ref", "1.0.0+1.0"));
        output.WriteLine(cold.Raw);
        Assert.True(cold.ExitCode == 0, cold.Raw);
        Assert.Equal(RunResults.Pass, (string?)cold.Output["Result"]);
        var run = await world.RunRecordAsync((string)cold.Output["RunId"]!) ?? throw new InvalidOperationException("no run record");
        Assert.StartsWith($"ci-{recipe}-", run.App);
        await AssertNothingLeftAsync(run.App!);
        return run;
    }

    private static Dictionary<string, XElement> ReportCases(RunRecord run) =>
        XDocument.Parse(run.ReportXml!).Root!.Element("testsuite")!.Elements("testcase").ToDictionary(t => t.Attribute("name")!.Value);

    private static void AssertReportHasNoWarning(RunRecord run)
    {
        var cases = ReportCases(run);
        Assert.Contains("secret", cases.Keys);
        Assert.Contains("abra-sh-env", cases.Keys);
        Assert.DoesNotContain(VersionLabelCheck.CaseName, cases.Keys);
        Assert.All(cases.Values, c => Assert.Null(c.Element("failure")));
    }

    private async Task<List<string>> SecretNamesAsync() => (await docker.Client.Secrets.ListAsync()).Select(s => s.Spec.Name).OfType<string>().ToList();

    private async Task<List<string>> ConfigNamesAsync() => (await docker.Client.Configs.ListConfigsAsync()).Select(c => c.Spec.Name).OfType<string>().ToList();

    /// <summary>Services, containers, networks, configs, secrets and volumes of the stack: none, labelled or named after it.</summary>
    private async Task AssertNothingLeftAsync(string stack)
    {
        var client = docker.Client;
        var filter = DockerFilters.Stack(stack);
        Assert.Empty(await client.Swarm.ListServicesAsync(new ServiceListParameters { Filters = filter }));
        Assert.Empty(await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }));
        Assert.Empty((await client.Networks.ListNetworksAsync()).Where(n => Of(n.Labels, n.Name, stack)).Select(n => n.Name));
        Assert.Empty((await client.Configs.ListConfigsAsync()).Where(c => Of(c.Spec.Labels, c.Spec.Name, stack)).Select(c => c.Spec.Name));
        Assert.Empty((await client.Secrets.ListAsync()).Where(s => Of(s.Spec.Labels, s.Spec.Name, stack)).Select(s => s.Spec.Name));
        Assert.Empty(((await client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Where(v => Of(v.Labels, v.Name, stack)).Select(v => v.Name));
    }

    private static bool Of(IDictionary<string, string>? labels, string? name, string stack) =>
        (labels is not null && labels.TryGetValue(Labels.StackNamespace, out var value) && value == stack)
        || (name ?? "").StartsWith(stack + "_", StringComparison.Ordinal);

    /// <summary>A file as the running task of a service sees it (docker exec cat).</summary>
    private async Task<string> TaskFileAsync(string service, string path)
    {
        var containers = await docker.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.swarm.service.name={service}"] = true } },
        });
        var container = Assert.Single(containers);
        var exec = await docker.Client.Exec.CreateContainerExecAsync(container.ID, new ContainerExecCreateParameters
        {
            Cmd = ["cat", path], AttachStdout = true, AttachStderr = true,
        });
        using var stream = await docker.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), CancellationToken.None);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout + stderr;
    }
}
