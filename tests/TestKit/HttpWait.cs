namespace TestKit;

/// <summary>Polls an HTTP URL until it answers (any status), for servers and containers that take a moment to start.</summary>
public static class HttpWait
{
    public static async Task<HttpResponseMessage> UntilAnswersAsync(HttpClient client, string url, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try { return await client.GetAsync(url); }
            catch (HttpRequestException ex) { last = ex; }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not answer within {timeout}. {diagnostics?.Invoke()}", last);
    }
}
