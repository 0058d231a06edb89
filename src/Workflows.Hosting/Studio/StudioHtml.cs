using System.Text;
using System.Text.Encodings.Web;

namespace Workflows.Hosting.Studio;

/// <summary>
/// Server-generated HTML of the Studio host pages, the login page and the "bundle missing" page. The Elsa element
/// fills the viewport below a thin bar; the editor sizes itself to <c>100vh</c> minus MudBlazor's app-bar height.
/// </summary>
public static class StudioHtml
{
    private const string BarHeight = "36px";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>A page hosting one Elsa custom element; <paramref name="element"/> is already-encoded markup.</summary>
    public static string HostPage(StudioBundle bundle, string title, string element, string nonce, string? script = null)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
            .Append("<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>\n")
            .Append("<title>").Append(Html.Encode(title)).Append(" · recipeci Studio</title>\n")
            .Append("<base href=\"").Append(StudioStaticFiles.RequestPath).Append("/\"/>\n");
        foreach (var tag in bundle.HeadTags())
            page.Append(tag).Append('\n');
        page.Append("<style>\n")
            .Append("html, body { margin: 0; height: 100%; overflow: hidden; }\n")
            .Append(".recipeci-bar { height: ").Append(BarHeight).Append("; display: flex; align-items: center; gap: 16px; padding: 0 12px;")
            .Append(" font: 14px system-ui, sans-serif; background: #1e293b; color: #e2e8f0; box-sizing: border-box; }\n")
            .Append(".recipeci-bar a, .recipeci-bar button { color: inherit; text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; }\n")
            .Append(".recipeci-bar form { margin-left: auto; }\n")
            .Append(".recipeci-main { height: calc(100vh - ").Append(BarHeight).Append("); overflow: auto; }\n")
            .Append("</style>\n</head>\n<body>\n")
            .Append("<nav class=\"recipeci-bar\"><strong>recipeci</strong>")
            .Append("<a href=\"").Append(StudioStaticFiles.RequestPath).Append("\">Workflow definitions</a>")
            .Append("<a href=\"").Append(StudioStaticFiles.RequestPath).Append("/instances\">Workflow instances</a>")
            .Append("<form method=\"post\" action=\"").Append(StudioStaticFiles.RequestPath).Append("/logout\"><button type=\"submit\">Sign out</button></form>")
            .Append("</nav>\n")
            .Append("<main class=\"recipeci-main\">\n").Append(element).Append("\n</main>\n")
            .Append("<div id=\"blazor-error-ui\">An unhandled error has occurred. <a href=\"\" class=\"reload\">Reload</a> <a class=\"dismiss\">🗙</a></div>\n");
        foreach (var tag in bundle.ScriptTags())
            page.Append(tag).Append('\n');
        if (script is not null)
            page.Append("<script nonce=\"").Append(Html.Encode(nonce)).Append("\">\n").Append(script).Append("\n</script>\n");
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>An Elsa element with its attributes; values are HTML-encoded here.</summary>
    public static string Element(string name, params (string Name, string Value)[] attributes)
    {
        var element = new StringBuilder("<").Append(name);
        foreach (var (attribute, value) in attributes)
            element.Append(' ').Append(attribute).Append("=\"").Append(Html.Encode(value)).Append('"');
        return element.Append("></").Append(name).Append('>').ToString();
    }

    /// <summary>A JavaScript string literal safe inside a script element.</summary>
    public static string JsString(string value) => "\"" + JavaScriptEncoder.Default.Encode(value) + "\"";

    public static string LoginPage(string? returnUrl, string? error, bool keyConfigured, string settingHint)
    {
        var body = new StringBuilder();
        body.Append("<h1>recipeci Studio</h1>\n");
        if (!keyConfigured)
        {
            body.Append("<p class=\"error\">No API key is configured, so nobody can sign in and the API refuses every call. Set ")
                .Append(Html.Encode(settingHint))
                .Append(" and restart the server.</p>\n");
        }
        else
        {
            if (error is not null)
                body.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>\n");
            body.Append("<form method=\"post\" action=\"").Append(StudioStaticFiles.RequestPath).Append("/login\">\n")
                .Append("<label for=\"apiKey\">API key</label>\n")
                .Append("<input id=\"apiKey\" name=\"apiKey\" type=\"password\" autocomplete=\"current-password\" required autofocus/>\n")
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Html.Encode(returnUrl ?? string.Empty)).Append("\"/>\n")
                .Append("<button type=\"submit\">Sign in</button>\n</form>\n");
        }
        return SimplePage("Sign in", body.ToString());
    }

    public static string BundleMissingPage(StudioBundle bundle) => SimplePage("Studio is not installed",
        "<h1>Elsa Studio is not installed</h1>\n<p>The Studio bundle (" + Html.Encode(StudioBundle.PackageName + "@" + StudioBundle.PackageVersion)
        + ") was not found at <code>" + Html.Encode(bundle.Root) + "</code>.</p>\n<p>Install it with <code>npm ci --no-audit --no-fund</code> in <code>"
        + Html.Encode(bundle.NpmInstallFolder) + "</code> (or set <code>Studio:BundlePath</code> to the folder holding <code>_framework/</code>), then restart the server.</p>\n");

    private static string SimplePage(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>\n"
        + "<title>" + Html.Encode(title) + " · recipeci Studio</title>\n"
        + "<style>body { font: 15px system-ui, sans-serif; max-width: 32rem; margin: 10vh auto; padding: 0 1rem; color: #1e293b; }"
        + " label, input, button { display: block; margin: .5rem 0; } input { width: 100%; padding: .4rem; box-sizing: border-box; }"
        + " .error { color: #b91c1c; } code { background: #f1f5f9; padding: 0 .2rem; }</style>\n</head>\n<body>\n"
        + body + "</body>\n</html>\n";
}
