using Workflows.Core.Definitions;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// How an activity with several inbound connections merges them (Elsa 3.8's <c>customProperties.mergeMode</c>). Without
/// one (or <c>None</c>) the flowchart's implicit join applies: run once every forward inbound connection was visited
/// and at least one was followed.
/// </summary>
public enum MergeMode
{
    None,

    /// <summary>Run on each arrival once no inbound source is still pending; untaken branches do not block.</summary>
    Stream,

    /// <summary>Wait until every forward inbound connection was followed; an untaken one blocks it.</summary>
    Merge,

    /// <summary>Wait until every inbound connection, backward (loop) ones too, was followed: the strictest.</summary>
    Converge,

    /// <summary>Run once per arriving branch.</summary>
    Cascade,

    /// <summary>Run on the first arrival and cancel the other inbound branches still running.</summary>
    Race,
}

/// <summary>Reads an activity's merge mode; a legacy FlowJoin maps WaitAny to Race and WaitAll to Merge, as Elsa 3.8 does.</summary>
public static class MergeModes
{
    public const string PropertyName = "mergeMode";

    public static MergeMode Of(ActivityNode node)
    {
        if (node.Type == "Elsa.FlowJoin")
            return (LiteralInputs.Get<FlowJoinMode?>(node, nameof(FlowJoin.Mode)) ?? FlowJoinMode.WaitAny) == FlowJoinMode.WaitAny ? MergeMode.Race : MergeMode.Merge;
        return ActivityJson.GetString(node.CustomProperties, PropertyName) is { } text && Enum.TryParse<MergeMode>(text, ignoreCase: true, out var mode)
            ? mode
            : MergeMode.None;
    }
}
