using Workflows.Core.Definitions;

namespace Workflows.Core.Runtime;

/// <summary>Tells a composite that one of its children completed, with which outcomes (empty on a dead or faulted path).</summary>
public sealed record ChildCompletion(string ActivityInstanceId, ActivityNode Node, IReadOnlyList<string> Outcomes);
