using System.Diagnostics;
using System.Text.Json.Nodes;
using Workflows.Core.Expressions;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using Xunit.Abstractions;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Expressions;

public sealed class CSharpExpressionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CSharp_expressions_read_and_write_variables_inputs_outputs_and_the_instance()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [
                Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "c", ["name"] = "Count" }),
                    ("value", Expr("CSharp", "Variable.Get<int>(\"Count\") + Input.Get<int>(\"Step\")"))),
                Activity("say", "Elsa.WriteLine", ("text", Expr("CSharp",
                    "$\"{Variable.Count} {Input.Repo.ToUpper()} {WorkflowInstanceId.Length} {CorrelationId} {string.Join(\",\", new[] { 3, 1, 2 }.OrderBy(x => x))}\""))),
                Activity("out", "Elsa.SetOutput", ("outputName", Literal("Doubled")), ("outputValue", Expr("CSharp", "{ Variable.Set(\"Count\", Variable.Count * 2); return Variable.Count; }"))),
            ],
            [Connect("set", "say"), Connect("say", "out")]);
        var definition = await test.ImportAsync(Workflow(root, variables: [Variable("c", "Count", "Int32", 40)], outputs: [new JsonObject { ["name"] = "Doubled", ["type"] = "Int32" }]));
        var result = await test.Host.Runner.RunAsync(definition,
            new WorkflowStartOptions { Input = new JsonObject { ["Step"] = 2, ["Repo"] = "gitea" }, CorrelationId = "pr-9" }, CancellationToken.None);
        Finished.Assert(result);
        Assert.Equal([$"42 GITEA {result.Id.Length} pr-9 1,2,3"], test.Lines.Texts);
        Assert.Equal(84, JsonNode.Parse(result.VariablesJson)!["Count"]!.GetValue<int>());
        Assert.Equal(84, JsonNode.Parse(result.OutputJson)!["Doubled"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_CSharp_compile_error_is_a_validation_error_naming_the_activity_and_file()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [Activity("typo", "Elsa.WriteLine", ("text", Expr("CSharp", "Variable.Get(\"X\").NoSuchMethod(")))], []);
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.ImportAsync(Workflow(root), "flows/csharp.json"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("flows/csharp.json", "typo"), (problem.File, problem.ActivityId));
        Assert.Contains("C# compile error", problem.Reason);
        Assert.Contains("CS1026", problem.Reason);
    }

    [Fact]
    public async Task Validation_compiles_each_expression_once_and_runs_reuse_it()
    {
        var csharp = new CSharpEvaluator();
        var host = new Workflows.Core.Runtime.InProcessWorkflowHost(lines: new Workflows.Core.Runtime.CollectingWriteLineSink(), csharpEvaluator: csharp);
        var root = Flowchart("fc", [Activity("say", "Elsa.WriteLine", ("text", Expr("CSharp", "\"n=\" + (Input.Get<int>(\"N\") * 3)")))], []);
        var watch = Stopwatch.StartNew();
        var definition = await host.DefinitionService.ImportAsync(Workflow(root), "cache.json", CancellationToken.None);
        var importTime = watch.Elapsed;
        Assert.Equal(1, csharp.Statistics.Compiles);
        watch.Restart();
        for (var i = 0; i < 20; i++)
        {
            var result = await host.Runner.RunAsync(definition, new WorkflowStartOptions { Input = new JsonObject { ["N"] = i } }, CancellationToken.None);
            Finished.Assert(result);
        }
        output.WriteLine($"import with first compile: {importTime.TotalMilliseconds:0} ms; 20 runs from the cache: {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, csharp.Statistics.Compiles);
        Assert.True(csharp.Statistics.Hits >= 20);
    }

    [Fact]
    public void The_cache_is_bounded_and_drops_the_least_recently_used()
    {
        var csharp = new CSharpEvaluator(new CSharpOptions { MaxCachedScripts = 3 });
        foreach (var code in new[] { "1", "2", "1", "3", "4" })
            Assert.Null(csharp.FindCompileError(code));
        Assert.Equal(3, csharp.Statistics.Cached);
        Assert.Null(csharp.FindCompileError("1"));
        Assert.Equal(4, csharp.Statistics.Compiles);
        Assert.Null(csharp.FindCompileError("2"));
        Assert.Equal(5, csharp.Statistics.Compiles);
    }
}
