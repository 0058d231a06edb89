namespace TestKit;

/// <summary>Polls an HTTP URL until it answers (any status), for servers and containers that take a moment to start.</summary>
public static class HttpWait
{
    public static Task<HttpResponseMessage> UntilAnswersAsync(HttpClient client, string url, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Eventually.UntilAsync<HttpResponseMessage, HttpRequestException>(() => client.GetAsync(url), _ => true, timeout,
            () => $"{url} did not answer. {diagnostics?.Invoke()}");
    }
}
