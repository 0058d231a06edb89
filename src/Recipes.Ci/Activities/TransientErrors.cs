using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Recipes.Ci.Tenants;

namespace Recipes.Ci.Activities;

/// <summary>
/// The one place that tells a transient error (worth the flow's retry policy: the Docker engine answering 5xx or not
/// answering, a refused or reset connection, a timeout, Keycloak or another HTTP service answering 5xx, 408 or 429, a
/// git file locked by another process) from a permanent one (4xx, compose and validation errors, a missing recipe or
/// ref: retrying changes nothing, so the activity faults at once). Wrapped errors count by their cause.
/// </summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception exception) => Chain(exception).Any(IsTransientKind);

    private static bool IsTransientKind(Exception e) => e switch
    {
        DockerApiException docker => IsTransientStatus(docker.StatusCode),
        KeycloakException keycloak => IsTransientStatus(keycloak.Status),
        HttpRequestException http => http.StatusCode is not { } status || IsTransientStatus(status),
        SocketException or TimeoutException => true,
        // The engine never passes its own cancellation here, so a cancelled operation is a client-side timeout.
        OperationCanceledException => true,
        LibGit2Sharp.LockedFileException => true,
        _ => false,
    };

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
            else if (e.InnerException is { } cause)
                pending.Push(cause);
        }
    }
}
