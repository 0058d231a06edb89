using System.Text;
using Workflows.Core.Definitions;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// TypeScript declarations of what the engine's JavaScript expressions can call (see the engine's JavaScript
/// evaluator): the generic helpers plus <c>get&lt;Name&gt;</c>/<c>set&lt;Name&gt;</c> per variable and
/// <c>get&lt;Name&gt;</c> per workflow input, so Monaco completes them.
/// </summary>
public static class JavaScriptTypeDefinitions
{
    public static string Build(WorkflowDefinitionDocument? document)
    {
        var text = new StringBuilder()
            .AppendLine("declare function getVariable(name: string): any;")
            .AppendLine("declare function setVariable(name: string, value: any): void;")
            .AppendLine("declare function getInput(name: string): any;")
            .AppendLine("declare function getWorkflowInstanceId(): string;")
            .AppendLine("declare function getCorrelationId(): string | null;");
        if (document is null)
            return text.ToString();
        foreach (var name in document.Inputs.Select(i => i.Name).Where(IsIdentifier).Distinct(StringComparer.Ordinal))
            text.Append("declare function get").Append(name).AppendLine("(): any;");
        foreach (var name in document.Variables.Select(v => v.Name).Where(IsIdentifier).Distinct(StringComparer.Ordinal))
        {
            text.Append("declare function get").Append(name).AppendLine("(): any;");
            text.Append("declare function set").Append(name).AppendLine("(value: any): void;");
        }
        return text.ToString();
    }

    // The same rule as the evaluator: only names that are JavaScript identifiers get their own functions.
    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
