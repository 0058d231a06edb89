using System.Text.Json.Nodes;
using Workflows.Core.Expressions;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

/// <summary>
/// Issue 16, findings 2 and 3: a script that breaks a limit faults its activity with an incident naming the limit,
/// and the process lives on. Each case was a crash (exit 134), an allocation of hundreds of megabytes, or a regex
/// running ten seconds before.
/// </summary>
public sealed class JavaScriptLimitTests
{
    [Theory]
    [InlineData("var o={};for(var i=0;i<200000;i++)o={o:o};JSON.stringify(o).length", "Maximum call stack size exceeded")]
    [InlineData("var p=new Proxy({},{get:function(t,k,r){return r[k];}}); p.x", "Maximum call stack size exceeded")]
    // Each level of String() enters the join guard (a script function) again: the recursion limit stops it first.
    [InlineData("var a=[];for(var i=0;i<100000;i++)a=[a];String(a).length", "Workflows:JavaScript:RecursionLimit")]
    public async Task A_recursion_inside_a_built_in_faults_with_a_reason_instead_of_ending_the_process(string script, string reason)
    {
        var instance = await RunScriptAsync(script, new JavaScriptOptions { MemoryLimitBytes = 256L * 1024 * 1024, Timeout = TimeSpan.FromSeconds(20), MaxStatements = 10_000_000 });
        AssertFaulted(instance, reason);
    }

    [Theory]
    [InlineData("'x'.repeat(2**28).length")]
    [InlineData("var s='x'.repeat(2**20); Array(300).fill(s).join('').length")]
    [InlineData("'x'.repeat(2**12).replace(/x/g, 'y'.repeat(2**15)).length")]
    [InlineData("var s='x'.repeat(2**20); s.concat.apply(s, Array(300).fill(s)).length")]
    [InlineData("var s='x'.repeat(2**20); JSON.stringify(Array(300).fill(s)).length")]
    [InlineData("''.padEnd(2**28).length")]
    public async Task A_string_that_alone_passes_the_memory_limit_faults_with_the_memory_reason(string script)
    {
        var instance = await RunScriptAsync(script, new JavaScriptOptions());
        AssertFaulted(instance, "Workflows:JavaScript:MemoryLimitMegabytes");
    }

    [Fact]
    public async Task Binary_buffers_are_not_available_to_expressions()
    {
        var instance = await RunScriptAsync("new ArrayBuffer(2**30).byteLength", new JavaScriptOptions());
        AssertFaulted(instance, "ArrayBuffer is not defined");
    }

    [Fact]
    public async Task A_catastrophic_regex_faults_with_the_regex_time_limit_within_the_script_time_limit()
    {
        var options = new JavaScriptOptions { Timeout = TimeSpan.FromSeconds(1), RegexTimeout = TimeSpan.FromSeconds(30) };
        var instance = await RunScriptAsync("/^(a+)+$/.test('" + new string('a', 33) + "!')", options);
        // The regex limit is capped at the script's: 1000 ms, not the 30 s configured (nor Jint's default 10 s).
        AssertFaulted(instance, "ran longer than its time limit of 1000 ms (Workflows:JavaScript:RegexTimeoutMilliseconds)");
    }

    [Fact]
    public async Task Ordinary_scripts_still_work_under_the_guards()
    {
        var test = new TestHost();
        var instance = await test.RunAsync(Workflow(Flowchart("fc",
            [Activity("w", "Elsa.WriteLine", ("text", Expr("JavaScript",
                "['a', 1, [2, 3]].join('-') + '|' + 'ab'.repeat(3) + '|' + 'x'.padStart(3, '.') + '|' + 'a-b-c'.replaceAll('-', '+') + '|' + " +
                "'abc'.replace(/b/, function (m) { return m.toUpperCase(); }) + '|' + 'a'.concat('b', 'c') + '|' + JSON.stringify({ a: [1, 'x'], b: null })")))],
            [])));
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["a-1-2,3|ababab|..x|a+b+c|aBc|abc|{\"a\":[1,\"x\"],\"b\":null}"], test.Lines.Texts);
    }

    [Fact]
    public void A_script_finding_every_slot_taken_for_its_whole_time_limit_fails_with_the_concurrency_reason()
    {
        var evaluator = new JavaScriptEvaluator(new JavaScriptOptions { MaxConcurrency = 1, Timeout = TimeSpan.FromMilliseconds(300) });
        var holding = new BlockingScope();
        // The first script holds the only slot inside getVariable until released.
        var first = Task.Run(() => evaluator.Evaluate("getVariable('x')", holding, CancellationToken.None));
        Assert.True(holding.Entered.Wait(TimeSpan.FromSeconds(30)), "the first script never started");
        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("1 + 1", new BlockingScope(), CancellationToken.None));
        Assert.Contains("Workflows:JavaScript:MaxConcurrency", error.Message);
        // The slot wait counts in whole milliseconds and may end a hair before the first script's own clock reaches its
        // limit; held a little longer, the first script has outlived its limit for certain when it is let go.
        Thread.Sleep(TimeSpan.FromMilliseconds(100));
        holding.Release.Set();
        Assert.Throws<ExpressionException>(() => first.GetAwaiter().GetResult()); // it outlived its own time limit
        Assert.Equal(2L, evaluator.Evaluate("1 + 1", new BlockingScope(), CancellationToken.None)!.GetValue<long>());
    }

    private static async Task<WorkflowInstanceRecord> RunScriptAsync(string script, JavaScriptOptions options)
    {
        var test = new TestHost(javaScript: options);
        return await test.RunAsync(Workflow(Flowchart("fc", [Activity("w", "Elsa.WriteLine", ("text", Expr("JavaScript", script)))], [])));
    }

    private static void AssertFaulted(WorkflowInstanceRecord instance, string reason)
    {
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incidents = JsonNode.Parse(instance.IncidentsJson!)!.AsArray();
        var incident = Assert.Single(incidents);
        Assert.Equal("w", incident!["activityId"]!.GetValue<string>());
        var message = incident["message"]!.GetValue<string>();
        Assert.True(message.Contains(reason, StringComparison.Ordinal), $"expected '{reason}' in: {message}");
    }

    private sealed class BlockingScope : IExpressionScope
    {
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Release { get; } = new();
        public string WorkflowInstanceId => "test";
        public string? CorrelationId => null;
        public IEnumerable<string> VariableNames => [];
        public IEnumerable<string> InputNames => [];
        public JsonNode? GetInput(string name) => null;
        public void SetVariable(string name, JsonNode? value) { }

        public JsonNode? GetVariable(string name)
        {
            Entered.Set();
            Release.Wait();
            return null;
        }
    }
}
