using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace RecipeCi.RunPages;

/// <summary>
/// A tiny HTML builder for the run pages: every text and attribute value goes through <see cref="HtmlEncoder"/>, so
/// nothing a recipe, a ref or a test's output holds can become markup. No inline script or style (the pages work
/// under a strict Content-Security-Policy); the look comes from <c>/runs/run-pages.css</c>.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _out = new();

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Seconds(double seconds) =>
        seconds >= 60 ? $"{(int)(seconds / 60)} min {(seconds % 60).ToString("0", CultureInfo.InvariantCulture)} s" : seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Opens the document; a page still changing refreshes itself (a meta refresh, no script).</summary>
    public Html Begin(string title, int? refreshSeconds)
    {
        _out.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">");
        if (refreshSeconds is { } every)
            _out.Append("<meta http-equiv=\"refresh\" content=\"").Append(every.ToString(CultureInfo.InvariantCulture)).Append("\">");
        _out.Append("<title>").Append(Encode(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"/runs/run-pages.css\"></head><body><main>\n");
        return this;
    }

    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(Encode(text));
        return this;
    }

    /// <summary><c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c>, the text encoded.</summary>
    public Html Element(string tag, string? cssClass, string? text)
    {
        _out.Append('<').Append(tag);
        if (cssClass is not null)
            _out.Append(" class=\"").Append(Encode(cssClass)).Append('"');
        _out.Append('>').Append(Encode(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }

    public Html Link(string href, string text, string? cssClass = null)
    {
        _out.Append("<a href=\"").Append(Encode(href)).Append('"');
        if (cssClass is not null)
            _out.Append(" class=\"").Append(Encode(cssClass)).Append('"');
        _out.Append(" rel=\"noopener noreferrer\">").Append(Encode(text)).Append("</a>");
        return this;
    }

    /// <summary>A definition row of the summary list; an empty value is shown as a dash.</summary>
    public Html Fact(string label, string? value)
    {
        _out.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(string.IsNullOrEmpty(value) ? "-" : value)).Append("</dd>\n");
        return this;
    }

    public string End() => _out.Append("</main></body></html>\n").ToString();
}
