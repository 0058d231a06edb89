namespace Recipes.Ci.Testing;

/// <summary>No safe place to run a recipe's tests: neither the test image nor an unprivileged user is available.</summary>
public sealed class TestSandboxUnavailableException(string message) : Exception(message);
