using System.Diagnostics;
using TestKit;
using YamlDotNet.RepresentationModel;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// docker/compose.yml as Docker's own stack loader reads it: <c>docker stack config -c docker/compose.yml</c> (schema,
/// interpolation, <c>$$</c> escapes; what <c>docker stack deploy</c> would deploy) must succeed, and its output must
/// have the server with two replicas, the Docker socket mounted, the server as user 1654 with the docker group,
/// PostgreSQL and RabbitMQ wired by service name with passwords from secrets, and a health check on /health.
/// Not deployed here: the postgres and rabbitmq images cannot be pulled (no registry is reachable).
/// </summary>
public sealed class ComposeFileTests
{
    private static string ComposeFile => Path.Combine(TestEnvironment.RepositoryRoot, "docker", "compose.yml");

    [Fact]
    public async Task Docker_stack_config_accepts_the_compose_file_with_two_replicas_socket_database_bus_and_health()
    {
        var (code, output) = await StackConfigAsync(("DOCKER_GID", "4242"));
        Assert.True(code == 0, "docker stack config failed:\n" + output);
        var root = (YamlMappingNode)Parse(output).Documents[0].RootNode;
        var services = Map(root, "services");
        Assert.Equal(["postgres", "rabbitmq", "server"], services.Children.Keys.Select(k => k.ToString()).Order());

        var server = Map(services, "server");
        Assert.Equal("recipeci:local", Scalar(server, "image"));
        Assert.Equal("2", Scalar(Map(server, "deploy"), "replicas"));
        Assert.Equal("1654:4242", Scalar(server, "user"));
        var volumes = Seq(server, "volumes").Cast<YamlMappingNode>().ToList();
        Assert.Contains(volumes, v => Scalar(v, "type") == "bind" && Scalar(v, "source") == "/var/run/docker.sock" && Scalar(v, "target") == "/var/run/docker.sock");
        Assert.Contains(volumes, v => Scalar(v, "type") == "volume" && Scalar(v, "source") == "data" && Scalar(v, "target") == "/var/lib/recipeci");

        var environment = Map(server, "environment");
        Assert.Equal("PostgreSql", Scalar(environment, "RECIPECI_Persistence__Provider"));
        Assert.Equal("RabbitMq", Scalar(environment, "RECIPECI_Bus__Transport"));
        Assert.Equal("rabbitmq", Scalar(environment, "RECIPECI_Bus__RabbitMq__Host"));
        Assert.Equal("2", Scalar(environment, "RECIPECI_Runtime__Nodes"));
        // The entrypoint's $$ became $: the shell reads each secret file at start.
        var script = string.Join("\n", Seq(server, "entrypoint").Select(n => n.ToString()));
        Assert.Contains("Host=postgres;Database=recipeci;Username=recipeci;Password=$(cat /run/secrets/postgres_password)", script);
        Assert.Contains("RECIPECI_Bus__RabbitMq__Password=\"$(cat /run/secrets/rabbitmq_password)\"", script);
        Assert.Contains("RECIPECI_Runtime__NodeId=\"$(hostname)\"", script);
        Assert.Contains("exec dotnet /app/recipeci.dll serve --urls http://0.0.0.0:5080", script);
        Assert.Equal(["postgres_password", "rabbitmq_password", "recipeci_api_key", "recipeci_webhook_secret"],
            Seq(server, "secrets").Cast<YamlMappingNode>().Select(s => Scalar(s, "source")).Order());

        var health = Map(server, "healthcheck");
        Assert.Equal("http://127.0.0.1:5080/health", Seq(health, "test").Last().ToString());
        Assert.Contains(Seq(server, "ports").Cast<YamlMappingNode>(), p => Scalar(p, "target") == "5080" && Scalar(p, "published") == "5080");

        var postgres = Map(services, "postgres");
        Assert.Equal("recipeci", Scalar(Map(postgres, "environment"), "POSTGRES_DB"));
        Assert.Equal("/run/secrets/postgres_password", Scalar(Map(postgres, "environment"), "POSTGRES_PASSWORD_FILE"));
        Assert.Contains("pg_isready", Seq(Map(postgres, "healthcheck"), "test").Select(n => n.ToString()));
        var rabbit = Map(services, "rabbitmq");
        Assert.Equal("recipeci", Scalar(Map(rabbit, "environment"), "RABBITMQ_DEFAULT_USER"));
        Assert.Contains("rabbitmq-diagnostics", Seq(Map(rabbit, "healthcheck"), "test").Select(n => n.ToString()));

        var secrets = Map(root, "secrets");
        Assert.Equal(Path.Combine(TestEnvironment.RepositoryRoot, "docker", "secrets", "postgres_password"), Scalar(Map(secrets, "postgres_password"), "file"));
    }

    [Fact]
    public async Task Docker_stack_config_defaults_the_docker_group_when_DOCKER_GID_is_unset()
    {
        var (code, output) = await StackConfigAsync();
        Assert.True(code == 0, output);
        var server = Map(Map((YamlMappingNode)Parse(output).Documents[0].RootNode, "services"), "server");
        Assert.Equal("1654:999", Scalar(server, "user"));
    }

    private static async Task<(int Code, string Output)> StackConfigAsync(params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("docker", ["stack", "config", "-c", ComposeFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("DOCKER_GID");
        info.Environment.Remove("RECIPECI_DOMAIN");
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run docker");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static YamlStream Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map
            ? map : throw new Xunit.Sdk.XunitException($"no mapping '{key}' in:\n{node}");

    private static IReadOnlyList<YamlNode> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode seq
            ? seq.Children.ToList() : throw new Xunit.Sdk.XunitException($"no sequence '{key}' in:\n{node}");

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;
}
