using RecipeCi.Configuration;
using RecipeCi.Hosting;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Persistence.Schema;

namespace RecipeCi.Cli;

/// <summary>
/// The definition store for <c>workflows export|import</c>: composed by <see cref="RecipeCiHost"/> as serve's is (the
/// configured database, migrated; the one activity registry of built-ins plus Recipes.*), with the same
/// <see cref="WorkflowDefinitionService"/> that the server's start-up import uses.
/// </summary>
/// <param name="WorkflowsFolder"><c>Workflows:Folder</c>: where <c>serve</c> imports from, and where <c>export</c> writes by default.</param>
public sealed record DefinitionServices(CommandServices Services, string WorkflowsFolder) : IAsyncDisposable
{
    public IWorkflowDefinitionStore Store => Services.Get<IWorkflowDefinitionStore>();

    public WorkflowDefinitionService Definitions => Services.Get<WorkflowDefinitionService>();

    /// <summary>Throws <see cref="ConfigurationException"/> on bad configuration.</summary>
    public static async Task<DefinitionServices> StartAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        var builder = RecipeCiHost.CreateCommandBuilder(configurationArgs);
        var settings = builder.AddRecipeCiSettings();
        Directory.CreateDirectory(settings.RecipeCi.DataDir);
        builder.Logging
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning);
        builder.AddRecipeCiDomain(settings.RecipeCi, withInstances: true);
        builder.Services.AddSingleton<WorkflowValidator>();
        builder.Services.AddSingleton<TriggerIndexer>();
        builder.Services.AddSingleton<WorkflowDefinitionService>();
        var services = await CommandServices.StartAsync(builder, settings, [typeof(DatabaseMigrationHostedService)], cancellationToken);
        return new DefinitionServices(services, settings.RecipeCi.Runtime.WorkflowsFolder ?? Path.GetFullPath("workflows"));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
