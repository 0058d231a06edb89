using System.Text.Json;

namespace Workflows.Hosting.Security;

/// <summary>The JSON bodies of refused API calls: JSON callers cannot follow a redirect to an HTML login page.</summary>
public static class SecurityResponses
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Task WriteUnauthorizedAsync(HttpContext context, ApiKeyVerifier verifier)
    {
        var message = verifier.IsConfigured
            ? "Send 'Authorization: ApiKey <key>' or sign in at /studio/login."
            : $"No API key is configured, so the API refuses every call. Set {verifier.Options.ApiKeySettingHint} and restart the server.";
        return WriteJsonAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", message);
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, string error, string message)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(error, message), JsonOptions, context.RequestAborted);
    }

    private sealed record ErrorBody(string Error, string Message);
}
