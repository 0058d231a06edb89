using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Hosting.Security;

/// <summary>
/// The last line for answers nobody wrote: bad JSON or a bad request that escaped its endpoint becomes 400 JSON with
/// the reason, anything else 500 JSON saying to look in the server log, instead of an empty body.
/// </summary>
public static class JsonErrors
{
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JsonErrors).FullName!);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (e is JsonException or BadHttpRequestException && !context.Response.HasStarted)
            {
                var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                await SecurityResponses.WriteJsonAsync(context, status, "bad-request", $"The request could not be read: {e.Message}");
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                logger.LogError(e, "Unhandled error answering {Method} {Path}", context.Request.Method, context.Request.Path);
                await SecurityResponses.WriteJsonAsync(context, StatusCodes.Status500InternalServerError, "internal-error",
                    $"The server failed to answer (request {context.TraceIdentifier}); the server log has the details.");
            }
        });
        return app;
    }
}
