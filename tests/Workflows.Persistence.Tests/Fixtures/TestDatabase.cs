using Workflows.Persistence.Configuration;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>A throw-away database of one provider; disposing it removes it.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    PersistenceOptions Options { get; }
}
