using System.Security.Cryptography;

namespace Workflows.Hosting.Security;

/// <summary>
/// Security headers: <c>X-Content-Type-Options: nosniff</c> on every answer, and on every HTML page a
/// Content-Security-Policy (with <c>frame-ancestors 'none'</c>), <c>X-Frame-Options: DENY</c> and
/// <c>Referrer-Policy: same-origin</c>. Studio's host pages get the policy Elsa Studio needs: Blazor WebAssembly
/// compiles WebAssembly (<c>'wasm-unsafe-eval'</c>), MudBlazor and Monaco set inline styles, Monaco starts workers
/// from blob URLs, and the bundle runs an inline script (so Studio pages allow inline scripts; the page's own scripts
/// still carry a per-request nonce). Other pages (login) run no inline script. A page that sets its own policy keeps it.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "recipeci:csp-nonce";

    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce the page's inline scripts must carry (one per request).</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceItem] is string nonce)
            return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceItem] = nonce;
        return nonce;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // A page that set its own, stricter policy keeps it (run pages allow no script at all).
                    if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                        headers.ContentSecurityPolicy = context.Items.ContainsKey(NonceItem) ? StudioPolicy : PagePolicy;
                    headers.XFrameOptions = "DENY";
                    if (string.IsNullOrEmpty(headers["Referrer-Policy"]))
                        headers["Referrer-Policy"] = "same-origin";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private const string StudioPolicy =
        // Studio's bundle runs an inline script of its own (seen in Chromium), so inline scripts are allowed here; a nonce
        // would switch 'unsafe-inline' off. Framing, plugins, foreign origins and eval stay refused.
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
