using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Hosting.Triggers.Http;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>
/// Issue 16 findings 5, 7 and 11 on a real server over PostgreSQL: credentials sent to an endpoint are not stored with
/// the instance; a second workflow cannot publish a route another one serves, and a catch-all does not shadow a more
/// specific endpoint; bodies with duplicate keys, invalid UTF-8 or a lone surrogate get 400 JSON and create nothing.
/// </summary>
[Trait("Category", "Services")]
public sealed class HttpEndpointHardeningTests(PostgresTriggerServerFixture fixture) : IClassFixture<PostgresTriggerServerFixture>
{
    private TriggerTestServer Server => fixture.Server;

    [Fact]
    public async Task Credential_headers_are_dropped_before_the_instance_is_stored()
    {
        await Server.PublishAsync(TriggerWorkflows.Echo("echo-creds", "creds/{id}"), "echo-creds.json");
        using var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/creds/1")
        {
            Content = new StringContent("""{"name":"widget"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey secret-api-key-4711");
        request.Headers.TryAddWithoutValidation("Cookie", "recipeci.studio=secret-cookie-4711");
        request.Headers.TryAddWithoutValidation("X-Signature-256", "sha256=secret-signature-4711");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=secret-hub-4711");
        request.Headers.TryAddWithoutValidation("X-Gitea-Signature", "secret-gitea-4711");
        request.Headers.Add("X-Trace", "trace-4711");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var instanceId = Assert.Single(response.Headers.GetValues(HttpWorkflowRequestHandler.InstanceIdHeader));
        // Everything stored about the instance, read straight from the database.
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        var stored = new StringBuilder();
        foreach (var table in new[] { "WorkflowInstances", "ActivityExecutionRecords", "ExecutionLogRecords" })
        {
            var idColumn = table == "WorkflowInstances" ? "Id" : "WorkflowInstanceId";
            await using var command = new NpgsqlCommand($"""select t::text from "{table}" t where "{idColumn}" = @id""", connection);
            command.Parameters.AddWithValue("id", instanceId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored.Append(reader.GetString(0));
        }
        var text = stored.ToString();
        Assert.Contains("trace-4711", text);
        foreach (var secret in new[] { "secret-api-key", "secret-cookie", "secret-signature", "secret-hub", "secret-gitea" })
            Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public async Task A_route_another_workflow_serves_is_refused_at_publish_naming_both()
    {
        await Server.PublishAsync(TriggerWorkflows.Echo("orders-first", "orders/{id}"), "orders-first.json");

        var refused = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            Server.PublishAsync(TriggerWorkflows.Echo("orders-second", "Orders/{key}"), "orders-second.json"));

        var reason = Assert.Single(refused.Problems).Reason;
        Assert.Contains("orders-first", reason);
        Assert.Contains("orders-second", reason);
        Assert.Empty(await Server.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = "orders-second" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_catch_all_does_not_shadow_a_more_specific_endpoint()
    {
        // "aaa-catch-all" sorts first by id: only precedence can keep it off the specific path.
        await Server.PublishAsync(TriggerWorkflows.Echo("aaa-catch-all", "shadow/{**rest}"), "aaa-catch-all.json");
        await Server.PublishAsync(TriggerWorkflows.Echo("zzz-specific", "shadow/{id}"), "zzz-specific.json");
        using var client = Server.CreateClient();

        using var response = await client.PostAsync("workflows/shadow/5", new StringContent("""{"name":"x"}""", Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var instanceId = Assert.Single(response.Headers.GetValues(HttpWorkflowRequestHandler.InstanceIdHeader));
        var instance = await Server.Instances.FindAsync(instanceId, CancellationToken.None);
        Assert.Equal("zzz-specific", instance!.DefinitionId);
    }

    [Theory]
    [InlineData("duplicate key", new byte[] { 0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x31, 0x2c, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x32, 0x7d })]
    [InlineData("invalid UTF-8", new byte[] { 0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d })]
    [InlineData("lone surrogate", new byte[] { 0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x5c, 0x75, 0x64, 0x38, 0x30, 0x30, 0x22, 0x7d })]
    public async Task Bad_JSON_gets_400_with_the_reason_and_creates_nothing(string kind, byte[] body)
    {
        var definition = await Server.PublishAsync(TriggerWorkflows.Echo("echo-strict", "strict/{id}"), "echo-strict.json");
        using var client = Server.CreateClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("workflows/strict/1", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid-json", json["error"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(json["message"]?.GetValue<string>()));
        Assert.Equal(0, await Server.Instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = definition.DefinitionId }, CancellationToken.None));
    }
}
