namespace TestKit;

/// <summary>
/// Where the tests find the real services that <c>tests/run</c> starts, and the repository's own folders.
/// Values come from environment variables set by tests/run, with the same defaults it uses.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("RECIPECI_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static Uri RabbitMqUri =>
        new(Environment.GetEnvironmentVariable("RECIPECI_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/");

    public static Uri DockerEndpoint =>
        new(Environment.GetEnvironmentVariable("RECIPECI_TEST_DOCKER") ?? "unix:///var/run/docker.sock");

    /// <summary>Debian's static busybox (package busybox-static), the only binary in the fixture image.</summary>
    public static string BusyboxPath => Environment.GetEnvironmentVariable("RECIPECI_TEST_BUSYBOX") ?? "/bin/busybox";

    /// <summary>The repository root: the folder holding Workflows.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindUp(AppContext.BaseDirectory, "Workflows.sln")
        ?? throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);

    /// <summary>A path under <c>tests/fixtures</c> of the repository.</summary>
    public static string FixturePath(params string[] parts) => Path.Combine([RepositoryRoot, "tests", "fixtures", .. parts]);

    /// <summary>The fixture recipes, one folder per recipe, one sub-folder per version.</summary>
    public static string FixtureRecipesRoot => Path.Combine(RepositoryRoot, "tests", "fixtures", "recipes");

    private static string? FindUp(string start, string fileName)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, fileName))) return dir.FullName;
        }
        return null;
    }
}
