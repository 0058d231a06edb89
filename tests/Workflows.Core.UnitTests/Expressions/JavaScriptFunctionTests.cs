using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Expressions;

public sealed class JavaScriptFunctionTests
{
    [Fact]
    public async Task Elsa_documented_functions_see_the_instance_variables_and_earlier_outputs()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [
                Activity("calc", "Elsa.RunJavaScript", ("name", "Calculate"), ("script", Literal("variables.Count = variables.Count + 1; return variables.Count * 10;"))),
                Activity("corr", "Elsa.RunJavaScript", ("script", Literal("setCorrelationId('corr-' + getInput('Pr')); return null;"))),
                Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript",
                    "[getOutputFrom('Calculate'), getOutputFrom('calc', 'Result'), getLastResult(), getVariable('Count'), getCorrelationId(), " +
                    "getWorkflowDefinitionId(), getWorkflowInstanceId() === '' , isNullOrWhiteSpace('  '), isNullOrEmpty('x'), " +
                    "jsonStringify(jsonParse('{\"a\":1}'))].join('|')"))),
            ],
            [Connect("calc", "corr"), Connect("corr", "say")]);
        var result = await test.RunAsync(Workflow(root, variables: [Variable("c", "Count", "Int32", 4)], definitionId: "js-functions"),
            new JsonObject { ["Pr"] = 12 });
        Finished.Assert(result);
        Assert.Equal(["50|50||5|corr-12|js-functions|false|true|false|{\"a\":1}"], test.Lines.Texts);
        Assert.Equal("corr-12", result.CorrelationId);
    }

    [Fact]
    public async Task GetCurrentValue_reads_the_loop_scoped_CurrentValue_variable()
    {
        var test = new TestHost();
        var body = Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'item ' + getCurrentValue()")));
        var loop = Activity("loop", "Elsa.ForEach", ("items", Expr("Object", "[\"a\",\"b\"]")), ("currentValue", Bind("cv")), ("body", body));
        await test.RunAsync(Workflow(Flowchart("fc", [loop], []), variables: [Variable("cv", "CurrentValue", "String", null)]));
        Assert.Equal(["item a", "item b"], test.Lines.Texts);
    }
}
