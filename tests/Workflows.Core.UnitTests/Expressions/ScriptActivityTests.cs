using System.Text.Json.Nodes;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Expressions;

public sealed class ScriptActivityTests
{
    [Theory]
    [InlineData("Elsa.RunJavaScript", "setOutcome(getInput('Size') > 10 ? 'Big' : 'Small'); return getInput('Size') * 2;")]
    [InlineData("Elsa.RunCSharp", "SetOutcome(Input.Get<int>(\"Size\") > 10 ? \"Big\" : \"Small\"); return Input.Get<int>(\"Size\") * 2;")]
    public async Task A_script_sets_Result_and_chooses_its_outcome(string type, string script)
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [
                Activity("run", type, ("script", Literal(script)), ("possibleOutcomes", Expr("Object", "[\"Big\",\"Small\"]")), ("result", Bind("r"))),
                Activity("big", "Elsa.WriteLine", ("text", Expr("JavaScript", "'big ' + getDoubled()"))),
                Activity("small", "Elsa.WriteLine", ("text", Expr("JavaScript", "'small ' + getDoubled()"))),
            ],
            [Connect("run", "big", "Big"), Connect("run", "small", "Small")]);
        var result = await test.RunAsync(Workflow(root, variables: [Variable("r", "Doubled", "Int32", 0)]), new JsonObject { ["Size"] = 21 });
        Finished.Assert(result);
        Assert.Equal(["big 42"], test.Lines.Texts);
        var run = (await test.ExecutionsAsync(result.Id)).Single(e => e.ActivityId == "run" && e.CompletedAt is not null);
        Assert.Equal(42, JsonNode.Parse(run.OutputsJson!)!["Result"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_script_without_an_outcome_continues_on_Done()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [Activity("run", "Elsa.RunCSharp", ("script", Literal("Variable.Set(\"Name\", \"ada\");"))), Activity("say", "Elsa.WriteLine", ("text", Expr("Liquid", "hi {{ Variables.Name }}")))],
            [Connect("run", "say")]);
        Finished.Assert(await test.RunAsync(Workflow(root, variables: [Variable("n", "Name", "String", "")])));
        Assert.Equal(["hi ada"], test.Lines.Texts);
    }

    [Theory]
    [InlineData("Elsa.RunCSharp", "return Undefined + ;", "CSharp error")]
    [InlineData("Elsa.RunJavaScript", "return (1 + ;", "JavaScript error")]
    public async Task A_script_that_does_not_compile_is_a_validation_error(string type, string script, string expected)
    {
        var test = new TestHost();
        var root = Flowchart("fc", [Activity("bad-script", type, ("script", Literal(script)))], []);
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.ImportAsync(Workflow(root), "flows/script.json"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("flows/script.json", "bad-script"), (problem.File, problem.ActivityId));
        Assert.Contains(expected, problem.Reason);
    }
}
