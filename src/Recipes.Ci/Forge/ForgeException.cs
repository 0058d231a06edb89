namespace Recipes.Ci.Forge;

/// <summary>A forge answered with an error status.</summary>
/// <param name="StatusCode">The HTTP status; 4xx other than 408/429 is permanent (retrying the same call cannot help).</param>
public sealed class ForgeException(string message, int statusCode, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public bool IsPermanent => StatusCode is >= 400 and < 500 and not 408 and not 429;
}
