using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>Answers whether a run is still running (the workflow engine knows); reaping trusts nothing else.</summary>
public interface IRunLiveness
{
    Task<bool> IsRunningAsync(RunId run, CancellationToken cancellationToken);
}
