using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Persistence;
using Workflows.Persistence.DependencyInjection;
using Workflows.Persistence.Retention;
using Workflows.Persistence.Schema;
using Workflows.Persistence.Stores;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>The persistence services as production wires them (<c>AddWorkflowPersistence</c>), over one test database.</summary>
public sealed class PersistenceHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PersistenceHost(ServiceProvider services) => _services = services;

    public static async Task<PersistenceHost> StartAsync(ITestDatabase database, RetentionOptions? retention = null)
    {
        var services = new ServiceCollection().AddWorkflowPersistence(database.Options, retention).BuildServiceProvider();
        var host = new PersistenceHost(services);
        await host.Migrator.MigrateAsync(CancellationToken.None);
        return host;
    }

    public IServiceProvider Services => _services;
    public DatabaseMigrator Migrator => _services.GetRequiredService<DatabaseMigrator>();
    public IWorkflowDefinitionStore Definitions => _services.GetRequiredService<IWorkflowDefinitionStore>();
    public IWorkflowInstanceStore Instances => _services.GetRequiredService<IWorkflowInstanceStore>();
    public IBookmarkStore Bookmarks => _services.GetRequiredService<IBookmarkStore>();
    public ITriggerStore Triggers => _services.GetRequiredService<ITriggerStore>();
    public EfWorkflowInstanceStore EfInstances => _services.GetRequiredService<EfWorkflowInstanceStore>();
    public RetentionSweeper Sweeper => _services.GetRequiredService<RetentionSweeper>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
