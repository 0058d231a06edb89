using Recipes.Ci.Catalog;
using Recipes.Ci.Tenants;

namespace Recipes.Ci.Tests.Tenants;

/// <summary>
/// Stands in for the engine: only the runs named dead are not running. Everything else counts as running, so a
/// reaper under test never touches tenants of other tests sharing the PostgreSQL server.
/// </summary>
internal sealed class FakeRunLiveness(params string[] deadRuns) : IRunLiveness
{
    public Task<bool> IsRunningAsync(RunId run, CancellationToken cancellationToken) => Task.FromResult(!deadRuns.Contains(run.Value));
}
