namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// The built-in activities that only touch the workflow's own state (see <see cref="SideEffectFreeAttribute"/>): kept
/// as one list here rather than as attributes on each class, so the commit protocol's choice reads in one place.
/// WriteLine is not among them (it writes to the host's sink), nor anything that dispatches or waits. HttpEndpoint
/// only completes or creates bookmarks (workflow state), and WriteHttpResponse only hands its answer to the host, which
/// sends it after the run returned, that is after the step's state was committed: a crash before that commit sends
/// nothing, so a re-run of either cannot be told from a first run.
/// </summary>
internal static class SideEffectFreeBuiltIns
{
    public static IReadOnlySet<Type> Types { get; } = new HashSet<Type>
    {
        typeof(Flowchart), typeof(Start), typeof(End), typeof(SetVariable), typeof(SetOutput),
        typeof(FlowDecision), typeof(FlowFork), typeof(FlowJoin), typeof(HttpEndpoint), typeof(WriteHttpResponse),
    };

    /// <summary>Whether <paramref name="activityType"/> is declared or known to be free of side effects.</summary>
    public static bool Includes(Type activityType) =>
        Types.Contains(activityType) || activityType.IsDefined(typeof(SideEffectFreeAttribute), inherit: false);
}
