namespace Recipes.Ci.Secrets;

/// <summary>A recipe's secret cannot be given a value; the message names the secret and what to do.</summary>
public sealed class SecretException(string message) : Exception(message);
