using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Elsa's terminal nodes: completing one ends the enclosing container (flowchart or sequence) at once. End and Break
/// end it with Done; Complete ends it with the outcomes it was given.
/// </summary>
internal static class TerminalNodes
{
    public const string End = "Elsa.End";
    public const string Break = "Elsa.Break";
    public const string Complete = "Elsa.Complete";

    public static bool Ends(ActivityNode node) => node.Type is End or Break or Complete;

    public static IReadOnlyList<string> OutcomesOf(ChildCompletion child) =>
        child.Node.Type == Complete && child.Outcomes.Count > 0 ? child.Outcomes : [FlowPorts.Done];
}
