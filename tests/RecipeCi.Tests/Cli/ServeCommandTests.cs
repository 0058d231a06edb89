using System.Globalization;
using System.Text.Json;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>The recipeci executable as users start it: version, a real server answering /health, bad configuration.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Version_prints_the_version()
    {
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["--version"]);
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task Help_lists_the_serve_command()
    {
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["--help"]);
        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output);
    }

    [Theory]
    [InlineData("--Persistence:Provider", "Oracle", "Persistence:Provider = 'Oracle' is not allowed; use one of: Sqlite, PostgreSql.")]
    [InlineData("--Bus:Transport", "Kafka", "Bus:Transport = 'Kafka' is not allowed; use one of: InMemory, RabbitMq.")]
    [InlineData("--Ci:MaxTests", "-1", "Ci:MaxTests = '-1' is not allowed; use a whole number from 0 to 10000.")]
    [InlineData("--Docker:Endpoint", "docker.sock", "Docker:Endpoint = 'docker.sock' is not allowed")]
    [InlineData("--Ci:Domain", "Bad_Domain", "Ci:Domain = 'Bad_Domain' is not allowed")]
    public async Task A_bad_configuration_value_stops_the_server_naming_the_key(string flag, string value, string message)
    {
        using var data = new TempFolder("serve");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--DataDir", data.Path, flag, value]);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task A_bad_value_in_the_environment_is_reported_too()
    {
        using var data = new TempFolder("serve");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(["serve", "--DataDir", data.Path],
            environment: new Dictionary<string, string> { ["RECIPECI_Persistence__Provider"] = "Mongo" });
        Assert.Equal(2, exitCode);
        Assert.Contains("Persistence:Provider = 'Mongo' is not allowed", output);
    }

    [Fact]
    [Trait("Category", "Services")]
    public async Task Serve_answers_health_with_the_status_of_database_bus_and_docker()
    {
        using var data = new TempFolder("serve");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var proxy = UniqueName.For("proxy");
        await using var server = RecipeCiProcess.Start(["serve", "--urls", url, "--DataDir", data.Path, "--log-format", "json", "--Swarm:ExternalNetworks", proxy]);
        using var http = new HttpClient();
        using var docker = new Docker.DotNet.DockerClientBuilder().WithEndpoint(TestEnvironment.DockerEndpoint).Build();
        try
        {
            await AnswersHealthAsync(server, http, url, data.Path);
            // Serve made the shared external network exist before it answered, as a Co-op Cloud server has proxy.
            var network = await docker.Networks.InspectNetworkAsync(proxy);
            Assert.Equal("overlay", network.Driver);
            Assert.True(network.Attachable);
        }
        finally
        {
            try { await docker.Networks.DeleteNetworkAsync(proxy); }
            catch (Docker.DotNet.DockerNetworkNotFoundException) { }
        }
    }

    [Fact]
    [Trait("Category", "Services")]
    public async Task The_start_timeline_times_each_phase_with_the_CPU_and_the_JIT_by_then()
    {
        using var data = new TempFolder("serve");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = RecipeCiProcess.Start(["serve", "--urls", url, "--DataDir", data.Path,
            "--Serilog:MinimumLevel:Override:RecipeCi.Server.StartTimeline", "Debug"]);
        using var http = new HttpClient();

        using var response = await HttpWait.UntilAnswersAsync(http, url + "/health", TimeSpan.FromSeconds(60), () => server.Output);
        var listening = server.Output.Split('\n').SingleOrDefault(line => line.Contains("Start: listening"));
        Assert.True(listening is not null, server.Output);
        var figures = System.Text.RegularExpressions.Regex.Match(listening,
            @"at (\d+) ms after process start \(CPU (\d+) ms, JIT (\d+) ms for (\d+) methods\)");
        Assert.True(figures.Success, listening);
        // Every start compiles something at run time (the host's generic code at least). The JIT's time is the wall time
        // of its compilations summed over threads, so on a busy machine it can exceed the process's CPU time: no bound.
        Assert.True(long.Parse(figures.Groups[4].Value, CultureInfo.InvariantCulture) > 0, listening);
        Assert.True(long.Parse(figures.Groups[3].Value, CultureInfo.InvariantCulture) > 0, listening);
        // The phases come in order: the migrations' line is earlier than the listener's, and says so in its figures.
        var migrated = server.Output.Split('\n').SingleOrDefault(line => line.Contains("Start: DatabaseMigrationHostedService started"));
        Assert.True(migrated is not null, server.Output);
        var migratedAt = System.Text.RegularExpressions.Regex.Match(migrated, @"at (\d+) ms after process start");
        Assert.True(migratedAt.Success, migrated);
        Assert.True(long.Parse(migratedAt.Groups[1].Value, CultureInfo.InvariantCulture) <= long.Parse(figures.Groups[1].Value, CultureInfo.InvariantCulture), server.Output);
    }

    private static async Task AnswersHealthAsync(RecipeCiProcess server, HttpClient http, string url, string dataDir)
    {

        using var response = await HttpWait.UntilAnswersAsync(http, url + "/health", TimeSpan.FromSeconds(60), () => server.Output);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body + server.Output);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("database").GetString());
        Assert.Equal("ok", checks.GetProperty("bus").GetString());
        Assert.Equal("ok", checks.GetProperty("docker").GetString());
        Assert.True(File.Exists(Path.Combine(dataDir, "recipeci.db")), "the SQLite database lives under DataDir");

        // --log-format json: the request log line is compact JSON.
        await Eventually.UntilAsync(() => server.Output.Split('\n').Any(line => line.StartsWith('{') && line.Contains("/health")), TimeSpan.FromSeconds(10),
            () => $"no compact-JSON request log line for /health:\n{server.Output}", TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    [Trait("Category", "Services")]
    public async Task Health_names_the_component_that_is_down()
    {
        using var data = new TempFolder("serve");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = RecipeCiProcess.Start(["serve", "--urls", url, "--DataDir", data.Path,
            "--Docker:Endpoint", $"unix://{Path.Combine(data.Path, "no-docker.sock")}"]);
        using var http = new HttpClient();

        using var response = await HttpWait.UntilAnswersAsync(http, url + "/health", TimeSpan.FromSeconds(60), () => server.Output);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("bus").GetString());
        var docker = json.RootElement.GetProperty("checks").GetProperty("docker").GetString()!;
        Assert.StartsWith($"no Docker engine answers at unix://{Path.Combine(data.Path, "no-docker.sock")}", docker);
        Assert.Contains("is dockerd running", docker);
    }
}
