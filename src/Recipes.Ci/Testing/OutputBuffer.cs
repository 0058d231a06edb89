using System.Text;

namespace Recipes.Ci.Testing;

/// <summary>
/// Collects a command's output lines from two threads, keeping at most <paramref name="limit"/> characters: the
/// tail matters most when a test fails, and a chatty test must not exhaust memory.
/// </summary>
internal sealed class OutputBuffer(int limit)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private long _dropped;

    public void Append(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _text.Append(line).Append('\n');
            if (_text.Length <= limit) return;
            var excess = _text.Length - limit;
            _text.Remove(0, excess);
            _dropped += excess;
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _dropped == 0 ? _text.ToString() : $"[... {_dropped} characters of earlier output dropped ...]\n{_text}";
        }
    }
}
