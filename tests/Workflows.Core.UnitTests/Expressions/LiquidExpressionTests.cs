using System.Text.Json.Nodes;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Expressions;

public sealed class LiquidExpressionTests
{
    [Fact]
    public async Task WriteLine_with_a_Liquid_template_sees_variables_input_and_the_instance()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [Activity("say", "Elsa.WriteLine", ("text", Expr("Liquid",
                "Hello {{ Variables.Name | upcase }} from {{ Input.Repo }} ({{ WorkflowInstanceId | size }}, {{ CorrelationId }}, {{ Workflow.DefinitionId }})")))],
            []);
        var definitionId = "liquid-" + Guid.NewGuid().ToString("N")[..6];
        var definition = await test.ImportAsync(Workflow(root, variables: [Variable("n", "Name", "String", "ada")], definitionId: definitionId));
        var result = await test.Host.Runner.RunAsync(definition,
            new WorkflowStartOptions { Input = new JsonObject { ["Repo"] = "keycloak" }, CorrelationId = "pr-7" }, CancellationToken.None);
        Finished.Assert(result);
        Assert.Equal([$"Hello ADA from keycloak ({result.Id.Length}, pr-7, {definitionId})"], test.Lines.Texts);
    }

    [Fact]
    public async Task Liquid_loops_over_an_object_variable_and_the_json_filter_serialises_it()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [Activity("say", "Elsa.WriteLine", ("text", Expr("Liquid", "{% for r in Variables.Recipes %}{{ r.name }}:{{ r.version }} {% endfor %}| {{ Variables.Recipes | json }}")))],
            []);
        var recipes = new JsonArray(new JsonObject { ["name"] = "keycloak", ["version"] = 2 }, new JsonObject { ["name"] = "gitea", ["version"] = 1 });
        var variables = new JsonArray(new JsonObject { ["id"] = "r", ["name"] = "Recipes", ["typeName"] = "Object", ["value"] = recipes });
        Finished.Assert(await test.RunAsync(Workflow(root, variables: variables)));
        var line = Assert.Single(test.Lines.Texts);
        Assert.StartsWith("keycloak:2 gitea:1 | ", line);
        Assert.Equal("gitea", JsonNode.Parse(line.Split("| ")[1])![1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Liquid_syntax_error_is_a_validation_error_naming_the_activity_and_file()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [Activity("broken", "Elsa.WriteLine", ("text", Expr("Liquid", "Hello {{ Variables.Name ")))], []);
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.ImportAsync(Workflow(root), "flows/liquid.json"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("flows/liquid.json", "broken"), (problem.File, problem.ActivityId));
        Assert.Contains("Liquid syntax error", problem.Reason);
    }
}
