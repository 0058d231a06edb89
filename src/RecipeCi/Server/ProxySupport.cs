using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using RecipeCi.Configuration;

namespace RecipeCi.Server;

/// <summary>
/// Behind a TLS proxy: with <c>Http:ForwardedHeaders</c> set, <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from
/// the trusted proxies become the client address and scheme (so cookies are Secure and Studio's https:// Origin
/// matches); from anyone else they are ignored. <c>Http:AllowedHosts</c> refuses other Host headers with 400. The
/// proxy must pass the Host header through (X-Forwarded-Host is not taken).
/// </summary>
public static class ProxySupport
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, ProxySettings proxy)
    {
        if (proxy.AllowedHosts.Count > 0)
            services.PostConfigure<HostFilteringOptions>(options =>
            {
                options.AllowedHosts = [.. proxy.AllowedHosts];
                options.AllowEmptyHosts = false;
            });
        return services;
    }

    public static WebApplication UseProxySupport(this WebApplication app, ProxySettings proxy)
    {
        if (proxy.TrustsProxies)
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies) options.KnownProxies.Add(address);
            foreach (var network in proxy.KnownNetworks) options.KnownIPNetworks.Add(network);
            app.UseForwardedHeaders(options);
        }
        if (proxy.AllowedHosts.Count > 0)
            app.UseHostFiltering();
        return app;
    }
}
