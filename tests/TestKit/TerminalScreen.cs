using System.Text;

namespace TestKit;

/// <summary>
/// What a person would see on a terminal after a program wrote <paramref name="transcript"/> to it: a small VT100
/// interpreter for what console programs use (text, CR/LF, cursor up/down/left/right/column, erase in line and screen,
/// colours and modes ignored), so a test can assert on the screen rather than on escape codes.
/// </summary>
public sealed class TerminalScreen
{
    private readonly List<StringBuilder> _rows = [new()];
    private readonly int _width;
    private int _row;
    private int _column;

    public TerminalScreen(string transcript, int width)
    {
        _width = width;
        for (var i = 0; i < transcript.Length; i++)
            i = Interpret(transcript, i);
    }

    /// <summary>The screen's lines from the first written to the last non-empty one, trailing blanks removed.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = _rows.Select(r => r.ToString().TrimEnd()).ToList();
            while (lines.Count > 0 && lines[^1].Length == 0)
                lines.RemoveAt(lines.Count - 1);
            return lines;
        }
    }

    public override string ToString() => string.Join('\n', Lines);

    private int Interpret(string text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case '\u001b':
                return Escape(text, i);
            case '\r':
                _column = 0;
                break;
            case '\n':
                MoveTo(_row + 1, _column);
                break;
            case '\b':
                _column = Math.Max(0, _column - 1);
                break;
            case '\t':
                _column = Math.Min(_width - 1, (_column / 8 + 1) * 8);
                break;
            case '\a':
                break;
            default:
                Put(c);
                break;
        }
        return i;
    }

    private void Put(char c)
    {
        if (_column >= _width)
            MoveTo(_row + 1, 0);
        var row = _rows[_row];
        if (row.Length < _column)
            row.Append(' ', _column - row.Length);
        if (row.Length == _column)
            row.Append(c);
        else
            row[_column] = c;
        _column++;
    }

    /// <summary>Interprets the escape sequence starting at <paramref name="i"/>; returns the index of its last character.</summary>
    private int Escape(string text, int i)
    {
        if (i + 1 >= text.Length)
            return i;
        var kind = text[i + 1];
        if (kind == ']') // OSC (window title ...): up to BEL or ESC \
        {
            var end = i + 2;
            while (end < text.Length && text[end] != '\a' && !(text[end] == '\u001b' && end + 1 < text.Length && text[end + 1] == '\\'))
                end++;
            return end < text.Length && text[end] == '\u001b' ? end + 1 : end;
        }
        if (kind != '[')
            return i + 1; // ESC = , ESC > , ESC 7 ...: modes and saves that do not change what is shown
        var j = i + 2;
        while (j < text.Length && text[j] is >= '0' and <= '?' or ';')
            j++;
        if (j >= text.Length)
            return j - 1;
        var parameters = text[(i + 2)..j];
        Control(text[j], parameters);
        return j;
    }

    private void Control(char command, string parameters)
    {
        if (parameters.StartsWith('?'))
            return; // private modes (cursor shown or hidden, keypad)
        var n = int.TryParse(parameters.Split(';')[0], out var value) ? value : 0;
        var count = Math.Max(1, n);
        switch (command)
        {
            case 'A': MoveTo(Math.Max(0, _row - count), _column); break;
            case 'B': MoveTo(_row + count, _column); break;
            case 'C': _column = Math.Min(_width - 1, _column + count); break;
            case 'D': _column = Math.Max(0, _column - count); break;
            case 'G': _column = Math.Clamp(count - 1, 0, _width - 1); break;
            case 'K': EraseInLine(n); break;
            case 'J': EraseInScreen(n); break;
        }
        // 'm' (colours) and anything else leave the text as it is.
    }

    private void EraseInLine(int mode)
    {
        var row = _rows[_row];
        switch (mode)
        {
            case 0:
                if (row.Length > _column)
                    row.Length = _column;
                break;
            case 1:
                for (var k = 0; k <= _column && k < row.Length; k++)
                    row[k] = ' ';
                break;
            default:
                row.Clear();
                break;
        }
    }

    private void EraseInScreen(int mode)
    {
        EraseInLine(mode == 1 ? 1 : mode == 0 ? 0 : 2);
        var (from, to) = mode == 1 ? (0, _row) : mode == 0 ? (_row + 1, _rows.Count) : (0, _rows.Count);
        for (var r = from; r < to; r++)
            if (r != _row || mode == 2)
                _rows[r].Clear();
    }

    private void MoveTo(int row, int column)
    {
        while (_rows.Count <= row)
            _rows.Add(new StringBuilder());
        _row = row;
        _column = column;
    }
}
