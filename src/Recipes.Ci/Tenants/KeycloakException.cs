using System.Net;

namespace Recipes.Ci.Tenants;

/// <summary>
/// An error answer of Keycloak: the status and its message (<c>errorMessage</c>, or <c>error</c> and
/// <c>error_description</c> on the token endpoint).
/// </summary>
public sealed class KeycloakException(HttpStatusCode status, string operation, string? errorMessage)
    : Exception($"Keycloak {operation} answered {(int)status} {status}{(errorMessage is null ? "" : ": " + errorMessage)}")
{
    public HttpStatusCode Status { get; } = status;

    public string? ErrorMessage { get; } = errorMessage;

    /// <summary>Worth retrying: server errors (lock timeouts show as 500), request timeouts, rate limits.</summary>
    public bool IsTransient => (int)Status >= 500 || Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
