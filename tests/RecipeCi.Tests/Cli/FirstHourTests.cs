using System.Net;
using System.Net.Sockets;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>What a new user meets in the first hour, run as they type it: the CLI as a process.</summary>
public sealed class FirstHourTests
{
    [Theory]
    [InlineData(new[] { "runs", "list", "--staus", "Faulted" }, "--status")]
    [InlineData(new[] { "canonical", "list", "--jsn" }, "--json")]
    [InlineData(new[] { "trigger", "--server", "http://127.0.0.1:1", "--recipe", "x", "--ref", "main", "--rcipe", "y" }, "--recipe")]
    public async Task An_unknown_option_is_a_usage_error_with_a_suggestion(string[] args, string suggestion)
    {
        using var cwd = new TempFolder("first-hour");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(args, workingDirectory: cwd.Path);
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown option", output);
        Assert.Contains($"Did you mean {suggestion}?", output);
        Assert.False(Directory.Exists(Path.Combine(cwd.Path, "data")), "a refused command creates nothing");
    }

    [Fact]
    public async Task An_unknown_command_and_a_missing_argument_exit_2_too()
    {
        Assert.Equal(2, (await RecipeCiProcess.RunAsync(["runz", "list"])).ExitCode);
        Assert.Equal(2, (await RecipeCiProcess.RunAsync(["runs", "show"])).ExitCode);
    }

    [Fact]
    public async Task Configuration_flags_still_pass_strict_parsing()
    {
        using var data = new TempFolder("first-hour");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--DataDir", data.Path,
            "--Ci:MaxTests", "-1"]);
        Assert.Equal(2, exitCode);
        Assert.Contains("Ci:MaxTests = '-1' is not allowed", output);
        Assert.DoesNotContain("Unknown option", output);
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_line_and_exit_2()
    {
        using var data = new TempFolder("first-hour");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, output) = await RecipeCiProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--DataDir", data.Path],
            workingDirectory: data.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains("recipeci serve: cannot listen:", output);
        Assert.Contains("--urls", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    [Trait("Category", "Services")]
    public async Task A_server_with_no_workflows_says_so_at_warn_with_what_to_do()
    {
        using var data = new TempFolder("first-hour");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = RecipeCiProcess.Start(["serve", "--urls", url, "--DataDir", data.Path], workingDirectory: data.Path);
        using var http = new HttpClient();
        using var response = await HttpWait.UntilAnswersAsync(http, url + "/health", TimeSpan.FromSeconds(60), () => server.Output);

        var line = Assert.Single(server.Output.Split('\n'), l => l.Contains("No workflow files at"));
        Assert.Contains("WRN", line);
        Assert.Contains(Path.Combine(data.Path, "workflows"), line);
        Assert.Contains("Workflows:Folder", line);
    }

    [Theory]
    [InlineData("canonical", "list")]
    [InlineData("runs", "labels")]
    public async Task A_read_only_command_in_an_empty_folder_creates_nothing_and_says_where_it_looked(string command, string sub)
    {
        using var cwd = new TempFolder("first-hour");
        var (exitCode, output) = await RecipeCiProcess.RunAsync([command, sub], workingDirectory: cwd.Path);
        Assert.Equal(1, exitCode);
        Assert.Contains($"No recipeci database at {Path.Combine(cwd.Path, "data", "recipeci.db")}", output);
        Assert.Empty(Directory.GetFileSystemEntries(cwd.Path));
    }

    [Fact]
    public async Task Cli_commands_read_the_appsettings_json_of_the_working_directory_as_serve_does()
    {
        using var cwd = new TempFolder("first-hour");
        var elsewhere = Path.Combine(cwd.Path, "server-data");
        await File.WriteAllTextAsync(Path.Combine(cwd.Path, "appsettings.json"), $$"""{ "DataDir": "{{elsewhere}}" }""");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["canonical", "list"], workingDirectory: cwd.Path);
        Assert.Equal(1, exitCode);
        Assert.Contains($"No recipeci database at {Path.Combine(elsewhere, "recipeci.db")}", output);
    }

    /// <summary>
    /// The README's first command, from a clone root: the built executable with the clone root as working directory
    /// (what <c>dotnet run --project src/RecipeCi -- serve</c> does, without its build): workflows/ is imported, data
    /// goes to ./data, the root appsettings.json is read, and CLI commands run there use the same database.
    /// </summary>
    [Fact]
    public async Task Serve_from_a_clone_root_imports_workflows_keeps_data_in_data_and_reads_the_root_appsettings()
    {
        using var root = new TempFolder("clone-root");
        const string apiKey = "clone-root-key-0123456789abcdef";
        Directory.CreateDirectory(Path.Combine(root.Path, "workflows"));
        File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fixtures", "flows", "reports-result.json"),
            Path.Combine(root.Path, "workflows", "reports-result.json"));
        await File.WriteAllTextAsync(Path.Combine(root.Path, "appsettings.json"),
            $$"""{ "Ci": { "ApiKey": "{{apiKey}}" }, "Docker": { "Endpoint": "unix:///nonexistent/docker.sock" } }""");
        var url = $"http://127.0.0.1:{FreePort.Next()}";

        await using (var server = RecipeCiProcess.Start(["serve", "--urls", url], workingDirectory: root.Path))
        {
            using var http = new HttpClient();
            using (await HttpWait.UntilAnswersAsync(http, url + "/health", TimeSpan.FromSeconds(90), () => server.Output)) { }
            Assert.Contains(server.Output.Split('\n'), l => l.Contains("Workflow reports-result version 1 from") && l.Contains("is published"));
            Assert.True(File.Exists(Path.Combine(root.Path, "data", "recipeci.db")), server.Output);
            // The API key came from the root appsettings.json.
            var (exit, output) = await RecipeCiProcess.RunAsync(["runs", "list", "--server", url, "--api-key", apiKey, "--json"], workingDirectory: root.Path);
            Assert.True(exit == 0, output);
        }
        // A CLI command in the same folder finds the server's database.
        var (labelsExit, labels) = await RecipeCiProcess.RunAsync(["runs", "labels"], workingDirectory: root.Path);
        Assert.True(labelsExit == 0, labels);
        Assert.StartsWith("Run ", labels.Split('\n').First(l => !l.StartsWith('[')));
    }
}
