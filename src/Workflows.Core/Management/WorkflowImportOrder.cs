using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Activities.WorkflowDefinitions;
using Workflows.Core.Definitions;

namespace Workflows.Core.Management;

/// <summary>
/// Orders definition files for import so that a workflow used as an activity is imported (and so registered) before the
/// workflows that use it, whatever the file names: a parent validates only once its child's type is known. Files keep
/// their given order otherwise; files that cannot be parsed, or a cycle, keep theirs at the end (their import reports it).
/// </summary>
public static class WorkflowImportOrder
{
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> files, Func<T, string> json)
    {
        var infos = files.Select(f => Describe(json(f))).ToList();
        var provided = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < infos.Count; i++)
            foreach (var name in infos[i].Provides)
                provided.TryAdd(name, i);

        var done = new bool[files.Count];
        var ordered = new List<T>(files.Count);
        bool progress;
        do
        {
            progress = false;
            for (var i = 0; i < files.Count; i++)
            {
                if (done[i] || infos[i].Requires.Any(r => provided.TryGetValue(r, out var p) && p != i && !done[p]))
                    continue;
                done[i] = true;
                ordered.Add(files[i]);
                progress = true;
            }
        } while (progress);
        ordered.AddRange(files.Where((_, i) => !done[i]));
        return ordered;
    }

    private static (IReadOnlyCollection<string> Provides, IReadOnlyCollection<string> Requires) Describe(string json)
    {
        try
        {
            var document = WorkflowDefinitionDocument.Parse(json);
            var provides = new List<string>();
            if (WorkflowActivityTypes.IsUsableAsActivity(document) && document.DefinitionId is { } definitionId)
                provides.AddRange([definitionId, WorkflowActivityTypes.TypeNameFor(document.Name, definitionId)]);
            var requires = new HashSet<string>(StringComparer.Ordinal);
            if (document.Root is { } root)
                Collect(root, requires);
            return (provides, requires);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return ([], []);
        }
    }

    private static void Collect(JsonObject root, HashSet<string> requires)
    {
        foreach (var activity in ActivityJson.SelfAndDescendants(root))
        {
            if (ActivityJson.GetString(activity, "type") is { } type)
                requires.Add(type);
            if (ActivityJson.GetString(activity, "workflowDefinitionId") is { } definitionId)
                requires.Add(definitionId);
        }
    }
}
