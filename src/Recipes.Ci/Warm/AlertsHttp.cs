namespace Recipes.Ci.Warm;

/// <summary>The HTTP client of the alert sinks, owned by the container so it is disposed with it.</summary>
public sealed class AlertsHttp : IDisposable
{
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => Client.Dispose();
}
