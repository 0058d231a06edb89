using System.Net;
using System.Text.Json.Nodes;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Api;

/// <summary>Descriptor shapes per contract sections 3.3, 3.4 and 6 (camelCase, string enums, what Studio dereferences).</summary>
public sealed class DescriptorTests
{
    [Fact]
    public async Task Activity_descriptors_are_unique_include_the_flowchart_and_have_what_Studio_needs()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var (response, body) = await client.GetJsonAsync("/elsa/api/descriptors/activities?Refresh=True");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = body!["items"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(items.Count, body.Int("count"));
        Assert.Equal(items.Count, items.Select(d => (d.Str("typeName"), d.Int("version"))).Distinct().Count());

        var flowchart = items.Single(d => d.Str("typeName") == "Elsa.Flowchart");
        Assert.False(flowchart.Flag("isBrowsable"));
        Assert.Contains(items, d => d.Str("typeName") == "Elsa.WriteLine" && d.Str("category") == "Console");
        foreach (var descriptor in items)
        {
            Assert.False(string.IsNullOrEmpty(descriptor.Str("name")));
            Assert.False(string.IsNullOrEmpty(descriptor.Str("category")));
            Assert.Contains(descriptor.Str("kind"), new[] { "Action", "Trigger", "Job", "Task" });
            foreach (var port in descriptor["ports"]!.AsArray())
                Assert.Contains(port.Str("type"), new[] { "Flow", "Embedded" });
            foreach (var input in descriptor["inputs"]!.AsArray())
            {
                Assert.True(input.Flag("isBrowsable"));
                Assert.False(string.IsNullOrEmpty(input.Str("uiHint")));
                Assert.Null(input!["UIHint"]);
                Assert.True(input.AsObject().ContainsKey("uiSpecifications"));
            }
        }
    }

    [Fact]
    public async Task Expression_descriptors_offer_a_type_besides_Literal_Object_Variable_and_Input()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var (_, body) = await client.GetJsonAsync("/elsa/api/descriptors/expression-descriptors");
        var items = body!["items"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(["Literal", "Object", "Json", "Delegate", "Variable", "Input", "JavaScript", "Liquid", "CSharp"], items.Select(i => i.Str("type")));
        Assert.Contains(items, i => i.Str("type") is not ("Literal" or "Object" or "Variable" or "Input"));
        Assert.Equal("javascript", items.Single(i => i.Str("type") == "JavaScript")["properties"].Str("MonacoLanguage"));
    }

    [Fact]
    public async Task Lookups_have_the_envelopes_Studio_reads_and_are_non_empty_where_Studio_calls_First()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);

        var variables = (await client.GetJsonAsync("/elsa/api/descriptors/variables")).Body!["items"]!.AsArray();
        Assert.NotEmpty(variables);
        Assert.Contains(variables, v => v.Str("typeName") == "String");
        Assert.Contains(variables, v => v.Str("typeName") == "Object");
        Assert.Equal(variables.Count, variables.Select(v => v.Str("typeName")).Distinct().Count());

        var drivers = (await client.GetJsonAsync("/elsa/api/descriptors/storage-drivers")).Body!["items"]!.AsArray();
        Assert.NotEmpty(drivers);
        Assert.False(drivers[0].Flag("deprecated"));

        foreach (var path in new[] { "workflow-activation-strategies", "log-persistence-strategies", "incident-strategies", "commit-strategies/workflows", "commit-strategies/activities" })
        {
            var (response, body) = await client.GetJsonAsync("/elsa/api/descriptors/" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(body!["items"]!.AsArray().Count, body.Int("count"));
        }
        var incident = (await client.GetJsonAsync("/elsa/api/descriptors/incident-strategies")).Body!["items"]!.AsArray();
        Assert.Contains(incident, s => s.Str("typeName").Contains("ContinueWithIncidents"));

        var features = (await client.GetJsonAsync("/elsa/api/features/installed")).Body;
        Assert.Equal(0, features.Int("count"));
        Assert.Empty((await client.GetJsonAsync("/elsa/api/descriptors/output-converters")).Body!["items"]!.AsArray());
        Assert.Equal("3.8.2", (await client.GetJsonAsync("/elsa/api/package/version")).Body.Str("packageVersion"));
    }

    [Fact]
    public async Task JavaScript_type_definitions_are_plain_text_declaring_the_definitions_variables()
    {
        await using var server = await StudioTestServer.StartAsync();
        var definitionId = await SampleDefinitions.SeedAsync(server, SampleDefinitions.Greeting("greeting", "Greeting"), publish: false);
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var response = await client.PostAsync($"/elsa/api/scripting/javascript/type-definitions/{definitionId}",
            new StringContent("""{"workflowDefinitionId":"greeting","activityTypeName":"Elsa.WriteLine","propertyName":"Text"}""",
                System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("declare function getVariable(name: string): any;", text);
        Assert.Contains("declare function getGreeted(): any;", text);
        Assert.Contains("declare function setGreeted(value: any): void;", text);
    }
}
