using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Core.Persistence;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Data;
using Workflows.Persistence.Schema;
using Workflows.Persistence.Retention;
using Workflows.Persistence.Stores;

namespace Workflows.Persistence.DependencyInjection;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the EF Core stores for the configured provider (pooled context factory), the migrator (run at host
    /// start), and the retention sweep (a hosted service using <paramref name="retention"/>, 30 days by default).
    /// </summary>
    public static IServiceCollection AddWorkflowPersistence(
        this IServiceCollection services,
        PersistenceOptions options,
        RetentionOptions? retention = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                AddContextFactory<SqliteWorkflowsDbContext>(services, options);
                services.AddSingleton(_ => WriteGate.SingleWriter());
                break;
            case DatabaseProvider.PostgreSql:
                AddContextFactory<PostgresWorkflowsDbContext>(services, options);
                services.AddSingleton(_ => WriteGate.Concurrent());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        services.AddSingleton<EfWorkflowDefinitionStore>();
        services.AddSingleton<IWorkflowDefinitionStore>(sp => sp.GetRequiredService<EfWorkflowDefinitionStore>());
        services.AddSingleton<EfWorkflowInstanceStore>();
        services.AddSingleton<IWorkflowInstanceStore>(sp => sp.GetRequiredService<EfWorkflowInstanceStore>());
        services.AddSingleton<EfBookmarkStore>();
        services.AddSingleton<IBookmarkStore>(sp => sp.GetRequiredService<EfBookmarkStore>());
        services.AddSingleton<EfStimulusStore>();
        services.AddSingleton<IStimulusStore>(sp => sp.GetRequiredService<EfStimulusStore>());
        services.AddSingleton<EfTriggerStore>();
        services.AddSingleton<ITriggerStore>(sp => sp.GetRequiredService<EfTriggerStore>());
        services.AddSingleton<ISessionStore, EfSessionStore>();

        services.TryAddSingleton<DatabaseProbe>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationHostedService>();

        services.AddSingleton(retention ?? new RetentionOptions());
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService<RetentionSweepService>();
        return services;
    }

    private static void AddContextFactory<TContext>(IServiceCollection services, PersistenceOptions options)
        where TContext : WorkflowsDbContext
    {
        // Pooled: the engine opens a context per commit, and pooling keeps that allocation-free and cheap.
        services.AddPooledDbContextFactory<TContext>(builder => WorkflowsDbContextOptions.Configure(builder, options));
        services.AddSingleton<IDbContextFactory<WorkflowsDbContext>, WorkflowsDbContextFactory<TContext>>();
    }
}
