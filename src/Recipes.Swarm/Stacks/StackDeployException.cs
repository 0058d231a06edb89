namespace Recipes.Swarm.Stacks;

/// <summary>A stack cannot be deployed at all (a missing external network, a changed but unversioned config, ...).</summary>
public sealed class StackDeployException(string message, Exception? inner = null) : Exception(message, inner);
