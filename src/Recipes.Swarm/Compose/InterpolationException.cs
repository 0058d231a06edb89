namespace Recipes.Swarm.Compose;

/// <summary>A value cannot be interpolated: bad <c>$</c> syntax, or a required variable (<c>:?</c>, <c>?</c>) is missing.</summary>
public sealed class InterpolationException(string message) : Exception(message);
