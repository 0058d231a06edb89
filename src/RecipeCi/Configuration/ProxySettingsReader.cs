using System.Net;
using Microsoft.Extensions.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads <c>Http:ForwardedHeaders:KnownProxies</c> (addresses), <c>Http:ForwardedHeaders:KnownNetworks</c> (CIDR) and
/// <c>Http:AllowedHosts</c> (host names). Each is a list: array entries (<c>...:0</c>, <c>...:1</c>) or one value
/// separated by commas or semicolons.
/// </summary>
public sealed class ProxySettingsReader(IConfiguration configuration)
{
    public const string KnownProxiesKey = "Http:ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "Http:ForwardedHeaders:KnownNetworks";
    public const string AllowedHostsKey = "Http:AllowedHosts";

    /// <summary>Adds every problem to <paramref name="problems"/>.</summary>
    public ProxySettings Read(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var proxies = new List<IPAddress>();
        foreach (var value in List(KnownProxiesKey))
        {
            if (IPAddress.TryParse(value, out var address)) proxies.Add(address);
            else problems.Add($"{KnownProxiesKey} entry '{value}' is not an IP address (e.g. 127.0.0.1 or ::1).");
        }
        var networks = new List<IPNetwork>();
        foreach (var value in List(KnownNetworksKey))
        {
            if (IPNetwork.TryParse(value, out var network)) networks.Add(network);
            else problems.Add($"{KnownNetworksKey} entry '{value}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
        }
        var hosts = List(AllowedHostsKey).ToList();
        foreach (var host in hosts.Where(h => h.Contains('/') || h.Contains(':') && !h.StartsWith('[')))
            problems.Add($"{AllowedHostsKey} entry '{host}' must be a host name such as ci.example.org or *.example.org, without scheme or port.");
        return new ProxySettings(proxies, networks, hosts);
    }

    private IEnumerable<string> List(string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return values.SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
