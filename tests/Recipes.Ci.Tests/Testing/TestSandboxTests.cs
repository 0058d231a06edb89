using System.Xml.Linq;
using Recipes.Ci.Catalog;
using Recipes.Ci.Configuration;
using Recipes.Ci.Testing;
using Recipes.Swarm.Docker;
using TestKit;

namespace Recipes.Ci.Tests.Testing;

/// <summary>
/// A pull request's test commands are untrusted: they never run as root on the CI host and never reach the Docker
/// socket or recipeci's data, in the container sandbox (the default) and in the unprivileged-user fallback.
/// </summary>
[Trait("Category", "Services")]
public sealed class TestSandboxTests(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    private readonly TempFolder _folder = new("sandbox");
    private readonly RecipeName _recipe = RecipeName.Parse("ci-app");
    private readonly AppName _app = AppName.Parse("ci-app-5b7d9f1a");

    public void Dispose() => _folder.Dispose();

    private TestRunContext Context(string run) => new(_app.Value, "ci-app.ci.localhost", RunId.Parse(run),
        new Dictionary<string, string>(), new Dictionary<string, string> { ["PORT"] = "1" });

    private RecipeTest Test(string name, string command) => new(name, command, TimeSpan.FromSeconds(30), _folder.Path);

    /// <summary>Stands for recipeci's data folder on the host: only root may read it.</summary>
    private string DataFolder()
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(data, "recipeci.db"), "secret rows");
        return data;
    }

    [Fact]
    public async Task In_the_container_a_test_is_nobody_confined_to_its_work_folder_without_socket_or_data()
    {
        var data = DataFolder();
        var outside = Path.Combine(_folder.Path, "escaped");
        File.WriteAllText(Path.Combine(_folder.Path, "probe.sh"), "echo script-ran\n");
        var tests = new[]
        {
            Test("id", "id -u; id"),
            Test("write-host-path", $"echo pwned > {outside}"),
            Test("write-root", "echo pwned > /etc/pwned"),
            Test("write-own-source", "echo pwned > ./probe.sh"),
            Test("docker-socket", "ls -l /var/run/docker.sock /run/docker.sock"),
            Test("read-data", $"cat {data}/recipeci.db"),
            Test("work-folder", "echo kept > \"$HOME/note\" && cat \"$HOME/note\" && sh ./probe.sh"),
        };
        var report = await Sandboxes.Runner(docker.Client, Sandboxes.ContainerOptions)
            .RunAsync(_recipe, _app, tests, Context("sbx1"), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None);

        var byName = report.Results.ToDictionary(r => r.Name);
        Assert.True(byName["id"].Passed);
        Assert.StartsWith("65534\n", byName["id"].Output);
        Assert.DoesNotContain("uid=0", byName["id"].Output);
        foreach (var name in new[] { "write-host-path", "write-root", "write-own-source", "docker-socket", "read-data" })
            Assert.False(byName[name].Passed, $"{name} should fail in the sandbox: {byName[name].Output}");
        Assert.False(File.Exists(outside));
        Assert.Equal("echo script-ran\n", File.ReadAllText(Path.Combine(_folder.Path, "probe.sh")));
        Assert.True(byName["work-folder"].Passed, byName["work-folder"].Output);
        Assert.Contains("kept\nscript-ran", byName["work-folder"].Output);

        var properties = XDocument.Load(report.ReportPath).Descendants("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.StartsWith("container recipeci-tests:latest as 65534:65534", properties["recipeci.sandbox"]);
        Assert.Contains("id=recipe", properties["recipeci.tests.source"]);
    }

    [Fact]
    public async Task Without_the_image_the_fallback_user_is_unprivileged_and_cannot_read_recipecis_data()
    {
        var data = DataFolder();
        File.WriteAllText(Path.Combine(_folder.Path, "probe.sh"), "echo script-ran\n");
        var options = TestSandboxOptions.Default with { Image = "recipeci-tests:does-not-exist", User = "nobody" };
        var tests = new[]
        {
            Test("id", "id -u"),
            Test("read-data", $"cat {data}/recipeci.db"),
            Test("work-folder", "echo kept > \"$HOME/note\" && cat \"$HOME/note\" && sh ./probe.sh && pwd"),
        };
        var report = await Sandboxes.Runner(docker.Client, options)
            .RunAsync(_recipe, _app, tests, Context("sbx2"), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None);

        var byName = report.Results.ToDictionary(r => r.Name);
        Assert.Equal("65534\n", byName["id"].Output);
        Assert.False(byName["read-data"].Passed, byName["read-data"].Output);
        Assert.Contains("Permission denied", byName["read-data"].Output);
        Assert.True(byName["work-folder"].Passed, byName["work-folder"].Output);
        Assert.DoesNotContain(_folder.Path, byName["work-folder"].Output); // a private copy, not the original folder
        Assert.StartsWith("user nobody (uid 65534)", report.Sandbox);
    }

    [Fact]
    public async Task With_neither_image_nor_user_no_test_runs_and_the_error_says_what_to_do()
    {
        var options = TestSandboxOptions.Default with { Image = "recipeci-tests:does-not-exist" };
        var error = await Assert.ThrowsAsync<TestSandboxUnavailableException>(() => Sandboxes.Runner(docker.Client, options)
            .RunAsync(_recipe, _app, [Test("id", "id")], Context("sbx3"), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None));
        Assert.Contains("docker/test-image/build", error.Message);
        Assert.Contains("Ci:Tests:User", error.Message);

        var root = await Assert.ThrowsAsync<TestSandboxUnavailableException>(() => Sandboxes.Runner(docker.Client, options with { User = "root" })
            .RunAsync(_recipe, _app, [Test("id", "id")], Context("sbx4"), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None));
        Assert.Contains("never run as root", root.Message);

        var missing = await Assert.ThrowsAsync<TestSandboxUnavailableException>(() => Sandboxes.Runner(docker.Client, options with { User = "no-such-user-x" })
            .RunAsync(_recipe, _app, [Test("id", "id")], Context("sbx5"), Path.Combine(_folder.Path, "junit.xml"), CancellationToken.None));
        Assert.Contains("does not exist on this host", missing.Message);
    }
}
