using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RecipeCi.Cli;

/// <summary>
/// A list as the CLI prints it. On a terminal: a table as wide as the terminal (<see cref="CliConsole"/>); id columns
/// never wrap. Plain (stdout not a terminal, or <c>--output plain</c>): one line per row, columns padded to their
/// widest value and separated by two spaces, nothing truncated or wrapped, so <c>grep</c>, <c>awk</c> and CI logs see
/// whole values.
/// </summary>
public sealed class CliTable
{
    private readonly List<(string Header, bool NoWrap)> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a column; <paramref name="noWrap"/> for ids and values one copies or scans for.</summary>
    public CliTable Column(string header, bool noWrap = false)
    {
        _columns.Add((header, noWrap));
        return this;
    }

    /// <summary>Adds a row of plain text (no markup); null cells print as <c>-</c>.</summary>
    public void Row(params string?[] cells)
    {
        if (cells.Length != _columns.Count)
            throw new ArgumentException($"A row has {cells.Length} cells for {_columns.Count} columns.", nameof(cells));
        _rows.Add([.. cells.Select(c => string.IsNullOrEmpty(c) ? "-" : c)]);
    }

    public int Count => _rows.Count;

    public void Write(bool plain, TextWriter? output = null)
    {
        if (plain)
        {
            (output ?? Console.Out).Write(Plain());
            return;
        }
        var console = CliConsole.Create();
        var table = Table();
        // A terminal too narrow for the table's narrowest layout would get "…": whole plain columns serve better.
        var narrowest = ((IRenderable)table).Measure(RenderOptions.Create(console, console.Profile.Capabilities), console.Profile.Width).Min;
        if (narrowest > console.Profile.Width)
            (output ?? Console.Out).Write(Plain());
        else
            console.Write(table);
    }

    public string Plain()
    {
        var lines = new List<string[]> { _columns.Select(c => c.Header).ToArray() };
        lines.AddRange(_rows.Select(r => r.Select(OneLine).ToArray()));
        var widths = Enumerable.Range(0, _columns.Count).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
            text.Append(string.Join("  ", line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        return text.ToString();
    }

    private Table Table()
    {
        var table = new Table();
        foreach (var (header, noWrap) in _columns)
            table.AddColumn(noWrap ? new TableColumn(Markup.Escape(header)).NoWrap() : new TableColumn(Markup.Escape(header)));
        foreach (var row in _rows)
            table.AddRow(row.Select(c => new Text(c)).Cast<IRenderable>().ToArray());
        return table;
    }

    // A cell is one line in plain output: a line break or tab would split the row.
    private static string OneLine(string cell) => cell.Contains('\n') || cell.Contains('\t') || cell.Contains('\r')
        ? string.Join(' ', cell.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        : cell;
}
