using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace Workflows.Core.UnitTests.Support;

/// <summary>
/// <c>tests/fixtures/workflow-activities</c>: Elsa-export-format definitions of workflows used as activities, their
/// parents, and ExecuteWorkflow/DispatchWorkflow parents (see the README there).
/// </summary>
public static class WorkflowActivityFiles
{
    public static string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(SampleFiles.Directory)!, "workflow-activities");

    public static string Read(string name) => File.ReadAllText(System.IO.Path.Combine(Directory, name));

    /// <summary>Imports the given files in dependency order (children first), as the server's folder import does.</summary>
    public static async Task<IReadOnlyDictionary<string, StoredWorkflowDefinition>> ImportAsync(TestHost test, params string[] names)
    {
        var imported = new Dictionary<string, StoredWorkflowDefinition>(StringComparer.Ordinal);
        var files = names.Select(n => (Name: n, Json: Read(n))).ToList();
        foreach (var (name, json) in WorkflowImportOrder.Sort(files, f => f.Json))
            imported[name] = await test.ImportAsync(json, name);
        return imported;
    }
}
