using Workflows.Core.Persistence;

namespace Workflows.Core.UnitTests.Expressions;

internal static class Finished
{
    /// <summary>Asserts the run finished, showing its incidents when it did not.</summary>
    public static void Assert(WorkflowInstanceRecord result) =>
        Xunit.Assert.True(result.SubStatus == WorkflowSubStatus.Finished, $"{result.SubStatus}: {result.IncidentsJson}");
}
