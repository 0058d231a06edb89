using System.Net;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Api;

/// <summary>Save, publish, retract, revert and delete through the API follow Elsa's version rules (contract 3.5).</summary>
public sealed class DefinitionVersionTests
{
    [Fact]
    public async Task Saves_update_the_draft_until_published_then_start_a_new_draft()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var model = SampleDefinitions.Greeting("", "Versioned");

        var (created, first) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: false));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var v1 = first!["workflowDefinition"]!;
        var definitionId = v1.Str("definitionId");
        Assert.False(string.IsNullOrEmpty(definitionId));
        Assert.Equal(1, v1.Int("version"));
        Assert.True(v1.Flag("isLatest"));
        Assert.False(v1.Flag("isPublished"));
        Assert.False(first.Flag("alreadyPublished"));
        AssertEditable(v1);
        AssertNodeIds(v1);

        // Saving the draft again updates it in place.
        model["definitionId"] = definitionId;
        model["description"] = "second save";
        var (_, second) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: false));
        Assert.Equal(v1.Str("id"), second!["workflowDefinition"].Str("id"));
        Assert.Equal(1, second["workflowDefinition"].Int("version"));
        Assert.Equal("second save", second["workflowDefinition"].Str("description"));

        // Publishing through save publishes that same version.
        var (_, published) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: true));
        Assert.Equal(v1.Str("id"), published!["workflowDefinition"].Str("id"));
        Assert.True(published["workflowDefinition"].Flag("isPublished"));
        AssertEditable(published["workflowDefinition"]!);

        // A save after publishing starts draft v2; v1 stays published but is no longer latest.
        model["description"] = "draft 2";
        var (_, draft) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: false));
        var v2 = draft!["workflowDefinition"]!;
        Assert.NotEqual(v1.Str("id"), v2.Str("id"));
        Assert.Equal(2, v2.Int("version"));
        Assert.True(v2.Flag("isLatest"));
        Assert.False(v2.Flag("isPublished"));
        AssertEditable(v2);
        var (_, old) = await client.GetJsonAsync("/elsa/api/workflow-definitions/by-id/" + v1.Str("id"));
        Assert.True(old.Flag("isPublished"));
        Assert.False(old.Flag("isLatest"));

        // Latest is the draft, Published is v1.
        Assert.Equal(2, (await client.GetJsonAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest")).Body.Int("version"));
        Assert.Equal(1, (await client.GetJsonAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published")).Body.Int("version"));
        Assert.Equal(2, (await client.GetJsonAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Body.Int("version"));
    }

    [Fact]
    public async Task Publish_retract_and_revert_move_the_flags_as_Elsa_does()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var definitionId = await SampleDefinitions.SeedAsync(server, SampleDefinitions.Greeting("flags", "Flags"), publish: true);
        var model = SampleDefinitions.Greeting(definitionId, "Flags");
        model["description"] = "v2";
        await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: false));

        var (publishResponse, publish) = await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, publishResponse.StatusCode);
        Assert.Equal(2, publish!["workflowDefinition"].Int("version"));
        Assert.True(publish["workflowDefinition"].Flag("isPublished"));
        Assert.False(publish.Flag("alreadyPublished"));
        var versions = await server.Definitions.ListVersionsAsync(definitionId, CancellationToken.None);
        Assert.Equal([false, true], versions.Select(v => v.IsPublished));
        Assert.Equal([false, true], versions.Select(v => v.IsLatest));

        var (_, again) = await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", new JsonObject());
        Assert.True(again.Flag("alreadyPublished"));

        var (retractResponse, retracted) = await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/retract", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, retractResponse.StatusCode);
        Assert.Equal(2, retracted.Int("version"));
        Assert.False(retracted.Flag("isPublished"));
        var (secondRetract, error) = await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/retract", new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, secondRetract.StatusCode);
        Assert.NotEmpty(error!["errors"]!.AsArray());

        var (revertResponse, summary) = await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/revert/1", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, revertResponse.StatusCode);
        Assert.Equal(3, summary.Int("version"));
        Assert.True(summary.Flag("isLatest"));
        Assert.False(summary.Flag("isPublished"));
        Assert.Equal("Says hello.", summary.Str("description"));
        var (history, list) = await client.GetJsonAsync(
            $"/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&Page=0&PageSize=10&OrderBy=Version&OrderDirection=Descending");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal([3, 2, 1], list!["items"]!.AsArray().Select(i => i.Int("version")));
        Assert.Equal(3, list.Int("totalCount"));
        Assert.Contains(list["links"]!.AsArray(), l => l.Str("rel") == "bulk-publish");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync($"/elsa/api/workflow-definitions/{definitionId}/revert/9", new JsonObject())).Response.StatusCode);
    }

    [Fact]
    public async Task Publishing_an_invalid_definition_answers_400_with_errors()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var model = SampleDefinitions.Greeting("broken", "Broken");
        model["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "x1", ["type"] = "Nope.Unknown", ["version"] = 1, ["name"] = "Unknown1" });
        var (response, body) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, publish: true));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body!["errors"]!.AsArray(), e => e!.GetValue<string>().Contains("Nope.Unknown"));
        Assert.DoesNotContain(await server.Definitions.ListVersionsAsync("broken", CancellationToken.None), v => v.IsPublished);

        var (noRoot, error) = await client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = new JsonObject { ["name"] = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, noRoot.StatusCode);
        Assert.Contains("root", error!["errors"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Studios_new_definition_root_gets_nodeIds_and_the_list_shows_it()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        // What the list element's "create" sends: a bare flowchart root without nodeId, activities or connections.
        var model = new JsonObject { ["name"] = "Fresh", ["root"] = new JsonObject { ["id"] = "abc", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1" } };
        var (_, saved) = await client.PostJsonAsync("/elsa/api/workflow-definitions", ApiClientExtensions.SaveRequest(model, false));
        var definition = saved!["workflowDefinition"]!;
        Assert.Equal("Workflow1:abc", definition["root"].Str("nodeId"));
        foreach (var key in new[] { "variables", "inputs", "outputs", "outcomes" })
            Assert.NotNull(definition[key] as JsonArray);
        Assert.NotNull(definition["options"] as JsonObject);
        Assert.NotNull(definition["customProperties"] as JsonObject);

        var (_, list) = await client.GetJsonAsync("/elsa/api/workflow-definitions?Page=0&PageSize=10");
        var summary = Assert.Single(list!["items"]!.AsArray());
        Assert.Equal("Fresh", summary.Str("name"));
        Assert.Contains(summary!["links"]!.AsArray(), l => l.Str("rel") == "publish");
        Assert.Equal(1, (await client.GetJsonAsync("/elsa/api/workflow-definitions/query/count")).Body.Int("count"));
        Assert.False((await client.GetJsonAsync("/elsa/api/workflow-definitions/validation/is-name-unique?name=Fresh")).Body.Flag("isUnique"));
        Assert.True((await client.GetJsonAsync($"/elsa/api/workflow-definitions/validation/is-name-unique?name=Fresh&definitionId={definition.Str("definitionId")}")).Body.Flag("isUnique"));

        var (missing, notFound) = await client.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not-found", notFound.Str("error"));
    }

    [Fact]
    public async Task Deleting_the_latest_version_makes_the_previous_one_latest_and_export_import_round_trip()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(StudioTestServer.ApiKey);
        var definitionId = await SampleDefinitions.SeedAsync(server, SampleDefinitions.Greeting("del", "Deletable"), publish: true);
        var (_, draft) = await client.PostJsonAsync("/elsa/api/workflow-definitions",
            ApiClientExtensions.SaveRequest(SampleDefinitions.Greeting(definitionId, "Deletable"), false));

        var export = await client.GetAsync($"/elsa/api/workflow-definitions/{definitionId}/export?versionOptions=Published");
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Deletable.json", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(1, exported.Int("version"));
        Assert.Null(exported["links"]);

        var deleted = await client.DeleteAsync("/elsa/api/workflow-definition-versions/" + draft!["workflowDefinition"].Str("id"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var remaining = Assert.Single(await server.Definitions.ListVersionsAsync(definitionId, CancellationToken.None));
        Assert.True(remaining.IsLatest);
        Assert.True(remaining.IsPublished);

        exported["definitionId"] = "imported";
        var (importResponse, imported) = await client.PostJsonAsync("/elsa/api/workflow-definitions/import", exported);
        Assert.Equal(HttpStatusCode.OK, importResponse.StatusCode);
        Assert.Equal("imported", imported.Str("definitionId"));
        Assert.Equal(1, imported.Int("version"));
        Assert.False(imported.Flag("isPublished"));

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("/elsa/api/workflow-definitions/" + definitionId)).StatusCode);
        Assert.Empty(await server.Definitions.ListVersionsAsync(definitionId, CancellationToken.None));
        var (_, bulk) = await client.PostJsonAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-id",
            new JsonObject { ["ids"] = new JsonArray(imported.Str("id"), "unknown") });
        Assert.Equal(1, bulk.Int("deleted"));
    }

    private static void AssertEditable(JsonNode definition) =>
        Assert.Contains(definition["links"]!.AsArray(), l => l.Str("rel") == "publish" && l.Str("method") == "POST");

    private static void AssertNodeIds(JsonNode definition)
    {
        var root = definition["root"]!.AsObject();
        var seen = new HashSet<string>();
        void Visit(JsonObject activity)
        {
            Assert.True(seen.Add(activity.Str("nodeId")));
            foreach (var (_, child) in ActivityJson.ChildActivities(activity))
                Visit(child);
        }
        Visit(root);
        Assert.Equal(5, seen.Count);
    }
}
