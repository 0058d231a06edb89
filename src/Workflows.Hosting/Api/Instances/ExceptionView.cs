namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// Elsa's <c>ExceptionState</c>. We store <c>Exception.ToString()</c>, whose first line is "Type: message"; the
/// whole text is kept as the stack trace.
/// </summary>
public sealed record ExceptionView(string Type, string Message, string? StackTrace, ExceptionView? InnerException)
{
    public static ExceptionView? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var firstLine = text.Split('\n', 2)[0].TrimEnd('\r');
        var colon = firstLine.IndexOf(": ", StringComparison.Ordinal);
        // A type name has no spaces; anything else is a plain message.
        return colon > 0 && !firstLine[..colon].Contains(' ')
            ? new ExceptionView(firstLine[..colon], firstLine[(colon + 2)..], text, null)
            : new ExceptionView("Exception", firstLine, text, null);
    }
}
