namespace Workflows.Hosting.Security;

/// <summary>Names of the authentication schemes and authorization policies of the Elsa API and Studio.</summary>
public static class SecuritySchemes
{
    /// <summary><c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The HttpOnly session cookie issued by the Studio login page.</summary>
    public const string StudioCookie = "StudioCookie";

    /// <summary>Picks <see cref="ApiKey"/> when an Authorization header is present, else <see cref="StudioCookie"/>; challenges with 401 JSON.</summary>
    public const string ElsaApi = "ElsaApi";

    /// <summary>Policy of every <c>/elsa/api</c> endpoint.</summary>
    public const string ElsaApiPolicy = "ElsaApi";

    /// <summary>Policy of the Studio host pages: a signed-in cookie, else a redirect to the login page.</summary>
    public const string StudioPolicy = "Studio";

    public const string CookieName = "recipeci.studio";
}
