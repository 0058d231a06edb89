namespace Workflows.Core.Runtime;

/// <summary>
/// Reserved local names on the instance of a workflow used as an activity: its evaluated inputs and the outputs its
/// body sets. Variable names never start with <c>$</c>, so they cannot clash.
/// </summary>
internal static class BodyLocals
{
    public const string Input = "$input";
    public const string Output = "$output";
    public const string Outcomes = "$outcomes";
}
