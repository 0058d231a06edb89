using Microsoft.Extensions.DependencyInjection;
using RecipeCi.Configuration;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Persistence.DependencyInjection;
using Workflows.Persistence.Schema;

namespace RecipeCi.Cli;

/// <summary>
/// Composition of the definition store for <c>workflows export|import</c>: the configured database (settings read
/// like <c>serve</c> reads them), migrated, and the same <see cref="WorkflowDefinitionService"/> and activity registry
/// (built-ins plus Recipes.*) that the server's start-up import uses.
/// </summary>
public sealed class DefinitionServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private DefinitionServices(ServiceProvider provider, string workflowsFolder)
    {
        _provider = provider;
        WorkflowsFolder = workflowsFolder;
    }

    /// <summary><c>Workflows:Folder</c>: where <c>serve</c> imports from, and where <c>export</c> writes by default.</summary>
    public string WorkflowsFolder { get; }

    public IWorkflowDefinitionStore Store => _provider.GetRequiredService<IWorkflowDefinitionStore>();

    public WorkflowDefinitionService Definitions => _provider.GetRequiredService<WorkflowDefinitionService>();

    /// <summary>Throws <see cref="ConfigurationException"/> on bad configuration.</summary>
    public static async Task<DefinitionServices> StartAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Build(configurationArgs);
        var settings = new SettingsReader(configuration).Read();
        Directory.CreateDirectory(settings.DataDir);
        var services = new ServiceCollection();
        services.AddLogging(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflowPersistence(settings.Persistence);
        services.AddSingleton(_ => CanonicalServices.CreateRegistry());
        services.AddSingleton<WorkflowValidator>();
        services.AddSingleton<TriggerIndexer>();
        services.AddSingleton<WorkflowDefinitionService>();
        var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return new DefinitionServices(provider, settings.Runtime.WorkflowsFolder ?? Path.GetFullPath("workflows"));
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
