using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads the workflow server's keys (<c>Runtime:*</c>, <c>Workflows:Folder</c>) for <see cref="RecipeCiSettingsReader"/>,
/// adding problems to its list. Several nodes need PostgreSQL: SQLite is single-node only.
/// </summary>
public sealed partial class RuntimeSettingsReader(IConfiguration configuration, List<string> problems)
{
    private readonly ConfigurationValues _values = new(configuration, problems);

    public WorkflowServerOptions Read(DatabaseProvider provider, BusTransport transport)
    {
        var defaults = new WorkflowServerOptions();
        var nodeId = configuration["Runtime:NodeId"] ?? DefaultNodeId();
        if (!NodeIdPattern().IsMatch(nodeId))
            problems.Add($"Runtime:NodeId = '{nodeId}' is not allowed; use 1-64 letters, digits, '.', '_' and '-' (distinct on every node).");
        var nodes = _values.Integer("Runtime:Nodes", 1, 1, 64);
        if (provider == DatabaseProvider.Sqlite && (nodes > 1 || transport == BusTransport.RabbitMq))
            problems.Add((nodes > 1 ? $"Runtime:Nodes = {nodes}" : "Bus:Transport = RabbitMq") +
                         " means several nodes, but Persistence:Provider is Sqlite, which is single-node only; " +
                         "set Persistence:Provider to PostgreSql (with Persistence:ConnectionString) or run one node with Bus:Transport InMemory.");
        var queue = configuration["Runtime:QueueName"] ?? defaults.QueueName;
        if (!NodeIdPattern().IsMatch(queue))
            problems.Add($"Runtime:QueueName = '{queue}' is not allowed; use 1-64 letters, digits, '.', '_' and '-'.");
        var folder = configuration["Workflows:Folder"] ?? "./workflows";
        if (string.IsNullOrWhiteSpace(folder) || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            problems.Add($"Workflows:Folder = '{folder}' is not allowed; use a folder path (missing folders are skipped).");
        return new WorkflowServerOptions
        {
            NodeId = nodeId,
            QueueName = queue,
            Nodes = nodes,
            WorkerConcurrency = _values.Integer("Runtime:WorkerConcurrency", defaults.WorkerConcurrency, 1, 256),
            LeaseDuration = TimeSpan.FromSeconds(_values.Integer("Runtime:LeaseSeconds", (int)defaults.LeaseDuration.TotalSeconds, 2, 3600)),
            ShutdownDeadline = TimeSpan.FromSeconds(_values.Integer("Runtime:ShutdownDeadlineSeconds", (int)defaults.ShutdownDeadline.TotalSeconds, 0, 3600)),
            WorkflowsFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(folder) ? "./workflows" : folder),
            TestActivities = _values.Boolean("Runtime:TestActivities", false),
        };
    }

    /// <summary>
    /// Host and process id: two servers on one host (or a restarted one while its old leases run out) never share an
    /// owner by accident. Set <c>Runtime:NodeId</c> for a name that stays the same across restarts.
    /// </summary>
    public static string DefaultNodeId()
    {
        var suffix = "-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var host = UnsafeCharacters().Replace(Environment.MachineName, "-");
        return host[..Math.Min(host.Length, 64 - suffix.Length)] + suffix;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}\\z")]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeCharacters();
}
