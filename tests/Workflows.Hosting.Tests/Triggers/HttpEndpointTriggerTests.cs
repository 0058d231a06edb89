using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Core.Persistence;
using Workflows.Hosting.Triggers.Http;

namespace Workflows.Hosting.Tests.Triggers;

[Trait("Category", "Services")]
public class HttpEndpointTriggerTests(PostgresTriggerServerFixture fixture) : IClassFixture<PostgresTriggerServerFixture>
{
    private TriggerTestServer Server => fixture.Server;

    [Fact]
    public async Task WriteHttpResponse_answers_with_request_data_after_the_instance_is_committed()
    {
        var definition = await Server.PublishAsync(TriggerWorkflows.Echo("echo-orders", "orders/{id}"), "echo-orders.json");
        using var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/orders/42?q=urgent")
        {
            Content = new StringContent("""{"name":"widget"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Trace", "trace-7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("42", body["id"]?.GetValue<string>());
        Assert.Equal("urgent", body["q"]?.GetValue<string>());
        Assert.Equal("trace-7", body["trace"]?.GetValue<string>());
        Assert.Equal("widget", body["name"]?.GetValue<string>());
        Assert.Equal("POST", body["method"]?.GetValue<string>());

        // Read through a connection of our own, right on receipt: the row and its journal are already there.
        var instanceId = Assert.Single(response.Headers.GetValues(HttpWorkflowRequestHandler.InstanceIdHeader));
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        var (status, subStatus, definitionId) = await ReadInstanceAsync(connection, instanceId);
        Assert.Equal((nameof(WorkflowStatus.Finished), nameof(WorkflowSubStatus.Finished)), (status, subStatus));
        Assert.Equal(definition.DefinitionId, definitionId);
        Assert.Equal(1L, await ScalarAsync(connection,
            """select count(*) from "ActivityExecutionRecords" where "WorkflowInstanceId" = @id and "ActivityType" = 'Elsa.WriteHttpResponse'""", instanceId));
        Assert.Equal(1L, await ScalarAsync(connection,
            """select count(*) from "ExecutionLogRecords" where "WorkflowInstanceId" = @id and "EventName" = 'WorkflowFinished'""", instanceId));
    }

    [Fact]
    public async Task An_oversized_body_gets_413_JSON_and_creates_nothing()
    {
        var definition = await Server.PublishAsync(TriggerWorkflows.Echo("echo-oversized", "oversized/{id}"), "echo-oversized.json");
        using var client = Server.CreateClient();
        var large = "{\"name\":\"" + new string('x', (int)PostgresTriggerServerFixture.MaxRequestBytes) + "\"}";

        using var response = await client.PostAsync("workflows/oversized/1", new StringContent(large, Encoding.UTF8, "application/json"));

        await AssertJsonErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(0, await CountInstancesAsync(definition.DefinitionId));
    }

    [Fact]
    public async Task A_chunked_oversized_body_gets_413_too()
    {
        var definition = await Server.PublishAsync(TriggerWorkflows.Echo("echo-chunked", "chunked/{id}"), "echo-chunked.json");
        using var client = Server.CreateClient();
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('y', 3 * (int)PostgresTriggerServerFixture.MaxRequestBytes) + "\"}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/chunked/2") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await AssertJsonErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(0, await CountInstancesAsync(definition.DefinitionId));
    }

    [Fact]
    public async Task Unknown_paths_get_404_JSON_and_wrong_methods_405_JSON()
    {
        await Server.PublishAsync(TriggerWorkflows.Echo("echo-methods", "methods/{id}"), "echo-methods.json");
        using var client = Server.CreateClient();

        using var missing = await client.GetAsync("workflows/no/such/endpoint");
        await AssertJsonErrorAsync(missing, HttpStatusCode.NotFound, "not-found");

        using var wrongMethod = await client.GetAsync("workflows/methods/5");
        await AssertJsonErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Contains("POST", wrongMethod.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_denied_policy_answers_401_JSON_and_creates_no_instance()
    {
        var definition = await Server.PublishAsync(
            TriggerWorkflows.Echo("echo-signed", "signed/{id}", TriggerTestServer.SignaturePolicy),
            "echo-signed.json");
        using var client = Server.CreateClient();
        var payload = Encoding.UTF8.GetBytes("""{"name":"signed"}""");

        using var unsigned = await client.PostAsync("workflows/signed/1", Json(payload));
        await AssertJsonErrorAsync(unsigned, HttpStatusCode.Unauthorized, "unauthorized");

        using var forged = new HttpRequestMessage(HttpMethod.Post, "workflows/signed/1") { Content = Json(payload) };
        forged.Headers.Add(SignatureRequirementHandler.Header, SignatureRequirementHandler.Sign(Encoding.UTF8.GetBytes("other body")));
        using var forgedResponse = await client.SendAsync(forged);
        await AssertJsonErrorAsync(forgedResponse, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(0, await CountInstancesAsync(definition.DefinitionId));

        using var signed = new HttpRequestMessage(HttpMethod.Post, "workflows/signed/1") { Content = Json(payload) };
        signed.Headers.Add(SignatureRequirementHandler.Header, SignatureRequirementHandler.Sign(payload));
        using var signedResponse = await client.SendAsync(signed);
        Assert.Equal(HttpStatusCode.Created, signedResponse.StatusCode);
        Assert.Equal(1, await CountInstancesAsync(definition.DefinitionId));
    }

    [Fact]
    public async Task Invalid_JSON_gets_400_and_creates_nothing()
    {
        var definition = await Server.PublishAsync(
            TriggerWorkflows.Echo("echo-badjson", "badjson/{id}"), "echo-badjson.json");
        using var client = Server.CreateClient();

        using var response = await client.PostAsync("workflows/badjson/1", new StringContent("{not json", Encoding.UTF8, "application/json"));

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest, "invalid-json");
        Assert.Equal(0, await CountInstancesAsync(definition.DefinitionId));
    }

    private static ByteArrayContent Json(byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<long> CountInstancesAsync(string definitionId) =>
        await Server.Instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = definitionId }, CancellationToken.None);

    private static async Task AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(error, body["error"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]?.GetValue<string>()));
    }

    private static async Task<(string Status, string SubStatus, string DefinitionId)> ReadInstanceAsync(NpgsqlConnection connection, string id)
    {
        await using var command = new NpgsqlCommand("""select "Status", "SubStatus", "DefinitionId" from "WorkflowInstances" where "Id" = @id""", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"instance {id} is not in the database");
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, string id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
