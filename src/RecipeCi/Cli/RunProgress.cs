using Spectre.Console;
using Workflows.Core.Persistence;

namespace RecipeCi.Cli;

/// <summary>
/// What <c>recipeci run</c> shows while the workflow runs. On a terminal: a status line with a spinner naming the
/// current step, with the flow's own lines and the logs printed above it (never drawn over or erased by it). Piped (a
/// CI log): one plain line per step, <c>step: quick/assert (Recipes.Assert)</c>, and one when an instance waits or ends.
/// With <c>--json</c>: nothing (stdout carries only the result object).
/// </summary>
public sealed class RunProgress(bool quiet)
{
    private readonly bool _live = !quiet && !Console.IsOutputRedirected;
    private readonly Lock _gate = new();
    private IAnsiConsole? _console;
    private StatusContext? _status;
    private string? _lastLine;

    /// <summary>Steps begun so far, in every instance of the run (children and resumptions included).</summary>
    public int Steps { get; private set; }

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!_live)
            return await work();
        _console = CliConsole.Create();
        // Logs go to stderr; on a terminal that is the screen the status is drawn on, so while it is drawn they pass
        // through the same console, which prints them above the status instead of letting the status erase them.
        var stderr = Console.Error;
        var throughStatus = !Console.IsErrorRedirected;
        if (throughStatus)
            Console.SetError(new LiveLineWriter(line => WriteRaw(line, stderr), stderr.Encoding));
        try
        {
            return await _console.Status().StartAsync("starting", async status =>
            {
                lock (_gate)
                    _status = status;
                try
                {
                    return await work();
                }
                finally
                {
                    lock (_gate)
                        _status = null;
                }
            });
        }
        finally
        {
            if (throughStatus)
                Console.SetError(stderr);
        }
    }

    /// <summary>A line the flow writes (<c>Elsa.WriteLine</c>): above the status on a terminal, else on stdout.</summary>
    public void WriteLine(string text)
    {
        lock (_gate)
        {
            if (_status is not null && _console is not null)
                _console.WriteLine(text);
            else
                Console.Out.WriteLine(text);
        }
    }

    public void OnStep(RunStep step)
    {
        Steps++;
        // The scope names the node by its path (Workflow1:flowchart:assert); the activity's own id is the last part.
        Show($"step: {step.DefinitionId}/{step.ActivityId.Split(':')[^1]} ({step.ActivityType})");
    }

    /// <summary>After every run or resumption of an instance: says so when it waits or ends, not while it runs.</summary>
    public void OnInstance(WorkflowInstanceRecord record)
    {
        if (record.Status == WorkflowStatus.Running && record.SubStatus == WorkflowSubStatus.Executing)
            return;
        var id = record.Id.Length > 8 ? record.Id[..8] : record.Id;
        Show($"{record.Name ?? record.DefinitionId} {id}: {record.Status}/{record.SubStatus}");
    }

    /// <summary>A log line as Serilog wrote it, colours included: passed through untouched, printed above the status.</summary>
    private void WriteRaw(string line, TextWriter fallback)
    {
        lock (_gate)
        {
            if (_status is not null && _console is not null)
            {
                _console.Write(new ControlCode(line));
                _console.WriteLine();
            }
            else
            {
                fallback.WriteLine(line);
            }
        }
    }

    private void Show(string line)
    {
        if (quiet || line == _lastLine)
            return;
        _lastLine = line;
        if (_live)
            _status?.Status(Markup.Escape(line));
        else
            Console.Out.WriteLine(line);
    }
}
