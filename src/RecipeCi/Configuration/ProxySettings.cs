using System.Net;

namespace RecipeCi.Configuration;

/// <summary>
/// Running behind a reverse proxy (<c>Http:ForwardedHeaders</c>, <c>Http:AllowedHosts</c>).
/// </summary>
/// <param name="KnownProxies">Proxy addresses whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed.</param>
/// <param name="KnownNetworks">Networks (CIDR) whose forwarded headers are believed.</param>
/// <param name="AllowedHosts">Host names the server answers for (Host header); empty means any.</param>
public sealed record ProxySettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<IPNetwork> KnownNetworks, IReadOnlyList<string> AllowedHosts)
{
    public static ProxySettings None { get; } = new([], [], []);

    /// <summary>Forwarded headers are honoured only when at least one proxy or network is trusted.</summary>
    public bool TrustsProxies => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
