using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// <c>POST /elsa/api/workflow-instances</c> with the body Elsa Studio 3.8.2 sends (Elsa's ListWorkflowInstances request):
/// paging, search, status and sub-status filters by name or number, sorting, timestamp filters; bad values answer 400
/// naming them. On a real server (SQLite, the recipeci executable).
/// </summary>
[Trait("Category", "Services")]
public sealed class InstanceListPostTests(RunApiServer server) : IClassFixture<RunApiServer>
{
    private readonly ServerNode _node = server.Node;

    [Fact]
    public async Task Studios_list_request_pages_searches_filters_and_sorts()
    {
        var correlation = "post-" + Guid.NewGuid().ToString("N")[..8];
        var hello = new List<string>();
        foreach (var definition in new[] { "hello", "hello", "fails" })
        {
            using var dispatch = await _node.Client.PostAsJsonAsync($"elsa/api/workflow-definitions/{definition}/dispatch", new { correlationId = correlation });
            hello.Add(JsonNode.Parse(await dispatch.Content.ReadAsStringAsync())!["workflowInstanceId"]!.GetValue<string>());
        }
        foreach (var id in hello)
            await _node.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        var failed = hello[2];

        // What Studio sends when the list opens, with the search box filled.
        var first = await ListAsync(new JsonObject
        {
            ["page"] = 0, ["pageSize"] = 2, ["searchTerm"] = correlation, ["orderBy"] = "Created", ["orderDirection"] = "Descending",
            ["definitionIds"] = new JsonArray(), ["statuses"] = new JsonArray(), ["subStatuses"] = new JsonArray(), ["isSystem"] = false,
        });
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.Equal([failed, hello[1]], first["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        var second = await ListAsync(new JsonObject { ["page"] = 1, ["pageSize"] = 2, ["searchTerm"] = correlation });
        Assert.Equal(hello[0], Assert.Single(second["items"]!.AsArray())!["id"]!.GetValue<string>());

        // The failed run is marked: Faulted, one incident; filters by name and by Elsa's enum numbers agree.
        var faulted = await ListAsync(new JsonObject { ["searchTerm"] = correlation, ["subStatuses"] = new JsonArray("Faulted") });
        var item = Assert.Single(faulted["items"]!.AsArray())!;
        Assert.Equal(failed, item["id"]!.GetValue<string>());
        Assert.Equal("Faulted", item["subStatus"]!.GetValue<string>());
        Assert.Equal(1, item["incidentCount"]!.GetValue<int>());
        var byNumber = await ListAsync(new JsonObject { ["searchTerm"] = correlation, ["statuses"] = new JsonArray(1), ["subStatuses"] = new JsonArray(5) });
        Assert.Equal(failed, Assert.Single(byNumber["items"]!.AsArray())!["id"]!.GetValue<string>());
        var ofDefinition = await ListAsync(new JsonObject { ["searchTerm"] = correlation, ["definitionIds"] = new JsonArray("fails"), ["orderDirection"] = 0 });
        Assert.Single(ofDefinition["items"]!.AsArray());
        var ascending = await ListAsync(new JsonObject { ["searchTerm"] = correlation, ["orderBy"] = 0, ["orderDirection"] = "Ascending" });
        Assert.Equal(hello, ascending["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        var later = await ListAsync(new JsonObject
        {
            ["searchTerm"] = correlation,
            ["timestampFilters"] = new JsonArray(new JsonObject { ["column"] = "CreatedAt", ["operator"] = "GreaterThan", ["timestamp"] = DateTimeOffset.UtcNow.AddHours(1) }),
        });
        Assert.Equal(0, later["totalCount"]!.GetValue<int>());

        await AssertRefusedAsync(new JsonObject { ["orderBy"] = "Sleepiness" }, "orderBy 'Sleepiness'");
        await AssertRefusedAsync(new JsonObject { ["subStatuses"] = new JsonArray("Snoozing") }, "subStatuses 'Snoozing'");
        await AssertRefusedAsync(new JsonObject { ["pageSize"] = 0 }, "pageSize");
        await AssertRefusedAsync(new JsonObject
        {
            ["timestampFilters"] = new JsonArray(new JsonObject { ["column"] = "UpdatedAt", ["operator"] = "Is", ["timestamp"] = DateTimeOffset.UtcNow }),
        }, "UpdatedAt Is is not supported");
    }

    private async Task<JsonNode> ListAsync(JsonObject body)
    {
        using var response = await _node.Client.PostAsJsonAsync("elsa/api/workflow-instances", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task AssertRefusedAsync(JsonObject body, string named)
    {
        using var response = await _node.Client.PostAsJsonAsync("elsa/api/workflow-instances", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, text);
    }
}
