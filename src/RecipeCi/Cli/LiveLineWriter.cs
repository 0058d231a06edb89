using System.Text;

namespace RecipeCi.Cli;

/// <summary>
/// A writer that hands each complete line to a callback (what <c>recipeci run</c>'s live status uses to print log lines
/// above itself). A partial line waits for its end; <see cref="Flush"/> hands it on as it is.
/// </summary>
internal sealed class LiveLineWriter(Action<string> writeLine, Encoding encoding) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => encoding;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                var line = _line.ToString().TrimEnd('\r');
                _line.Clear();
                writeLine(line);
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
            Write(c);
    }

    public override void Flush()
    {
        lock (_line)
        {
            if (_line.Length == 0)
                return;
            var line = _line.ToString();
            _line.Clear();
            writeLine(line);
        }
    }
}
