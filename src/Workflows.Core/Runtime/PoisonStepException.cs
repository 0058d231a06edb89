using Workflows.Core.Definitions;

namespace Workflows.Core.Runtime;

/// <summary>
/// The incident of a poison step: its attempts kept taking the process down, so it is not run again (no retry
/// policy applies); an operator retries the instance once the cause is fixed.
/// </summary>
public sealed class PoisonStepException(ActivityNode node, int unfinishedAttempts) : Exception(
    $"Activity '{node.Id}' ({node.Type}) crashed the process: {unfinishedAttempts} attempts of it never finished because the process " +
    "running them went down. The instance is faulted instead of running the step again at every start; retry it once the cause is fixed.");
