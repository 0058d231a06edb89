using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Reads the raw body (kept as bytes: a webhook policy verifies its signature over exactly these bytes), refusing
/// more than the limit: at once from Content-Length, else while reading a chunked body.
/// </summary>
public static class HttpRequestBodyReader
{
    public static async Task<HttpRequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return HttpRequestBody.Oversized;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = null; // our own limit below answers with JSON, not the server's bare 413

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return HttpRequestBody.Oversized;
            buffer.Write(chunk, 0, read);
        }
        return new HttpRequestBody(buffer.ToArray(), false);
    }
}
