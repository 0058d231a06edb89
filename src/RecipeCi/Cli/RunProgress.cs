using Spectre.Console;
using Workflows.Core.Persistence;

namespace RecipeCi.Cli;

/// <summary>
/// What <c>recipeci run</c> shows while the workflow runs. On a terminal: a status line with a spinner naming the
/// current step. Piped (a CI log): one plain line per step, <c>step: quick/assert (Recipes.Assert)</c>, and one when an
/// instance waits or ends. With <c>--json</c>: nothing (stdout carries only the result object).
/// </summary>
public sealed class RunProgress(bool quiet)
{
    private readonly bool _live = !quiet && !Console.IsOutputRedirected;
    private StatusContext? _status;
    private string? _lastLine;

    /// <summary>Steps begun so far, in every instance of the run (children and resumptions included).</summary>
    public int Steps { get; private set; }

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!_live)
            return await work();
        return await CliConsole.Create().Status().StartAsync("starting", async status =>
        {
            _status = status;
            try
            {
                return await work();
            }
            finally
            {
                _status = null;
            }
        });
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
