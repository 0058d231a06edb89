using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Webhooks;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using static RecipeCi.Tests.Webhooks.WebhookRequests;

namespace RecipeCi.Tests.Webhooks;

/// <summary>
/// Issue 16 findings 4, 7, 8 and 11 on <c>POST /workflows/ci</c> of a real server: a signed body replayed under a new
/// delivery id, a stale or missing signed timestamp, signed bodies that are not strict JSON, a workflow claiming the
/// webhook's path or catching it with <c>{**rest}</c>, and a cross-site GET that would start a workflow: each is
/// refused with JSON naming the problem and creates nothing.
/// </summary>
public sealed class CiWebhookHardeningTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_signed_body_replayed_under_a_new_delivery_id_starts_nothing()
    {
        // Forge bodies first (their signature format is unchanged), then the generic one.
        var pr = PullRequest(WebhookServer.Recipe, server.HeadSha, 22);
        Assert.Equal(202, (await server.PostAsync(pr, SignedGitea(pr))).Status);
        await server.WaitUntilQuietAsync(Settle);
        var before = await server.CountAsync();
        foreach (var (name, headers) in new[] { ("gitea, new id", SignedGitea(pr)), ("gitea body as github", SignedGitHub(pr)) })
            await AssertReplayRefusedAsync(name, pr, headers);
        Assert.Equal(before, await server.CountAsync());

        var generic = Generic(WebhookServer.Recipe, "1.1.0+1.0", 21, "cold");
        var genericHeaders = SignedGeneric(generic);
        Assert.Equal(202, (await server.PostAsync(generic, genericHeaders)).Status);
        await server.WaitUntilQuietAsync(Settle);
        before = await server.CountAsync();
        await AssertReplayRefusedAsync("generic, new id", generic, genericHeaders.With(WebhookHeaders.GenericDelivery, NewId()));
        Assert.Equal(before, await server.CountAsync());
    }

    private async Task AssertReplayRefusedAsync(string name, byte[] body, (string, string)[] headers)
    {
        var (status, text, _) = await server.PostAsync(body, headers);
        Assert.True(status == 409, $"{name}: {status} {text}");
        Assert.Equal("replayed-body", JsonNode.Parse(text)!["error"]?.ToString());
    }

    [Fact]
    public async Task Recipeci_trigger_signs_a_timestamp_the_server_accepts()
    {
        await server.WaitUntilQuietAsync(Settle);
        var before = await server.CountAsync();

        var (_, output) = await TestKit.RecipeCiProcess.RunAsync(
            ["trigger", "--server", server.BaseUri.ToString(), "--secret", WebhookServer.Secret, "--recipe", WebhookServer.Recipe,
             "--ref", "1.1.0+1.0", "--pr", "41", "--mode", "cold", "--json"], TimeSpan.FromSeconds(120));

        // The gate accepted the signed timestamp: the delivery is recorded (what the run does next is not this test's).
        Assert.DoesNotContain("401 refused", output);
        // One id (the run's), the PR a number, the ref as typed (no \u002B): the line a CI script reads.
        var answer = JsonNode.Parse(output.Split('\n').Single(l => l.StartsWith("{\"runId\"", StringComparison.Ordinal)))!;
        Assert.Equal(["runId", "mode", "recipe", "ref", "pr", "pageUrl"], answer.AsObject().Select(p => p.Key));
        Assert.Equal(41, answer["pr"]!.GetValue<int>());
        Assert.Contains("\"ref\":\"1.1.0+1.0\"", output);
        Assert.Contains(answer["runId"]!.GetValue<string>(), answer["pageUrl"]!.GetValue<string>());
        Assert.Equal(before.Deliveries + 1, (await server.CountAsync()).Deliveries);
        await server.WaitUntilQuietAsync(Settle);
    }

    [Fact]
    public async Task The_generic_webhook_needs_a_fresh_signed_timestamp()
    {
        await server.WaitUntilQuietAsync(Settle);
        var before = await server.CountAsync();
        var body = Generic(WebhookServer.Recipe, "1.1.0+1.0", 31);
        var bodyOnly = new[]
        {
            (WebhookHeaders.GenericSignature, WebhookSignature.Sign(WebhookSource.Generic, WebhookServer.Secret, body)),
            (WebhookHeaders.GenericDelivery, NewId()),
        };
        var cases = new (string Name, (string, string)[] Headers, string Error)[]
        {
            ("no timestamp, body signed alone", bodyOnly, "missing-timestamp"),
            ("timestamp added, body signed alone", [.. bodyOnly, (WebhookHeaders.GenericTimestamp, WebhookTimestamp.Format(DateTimeOffset.UtcNow))], "bad-signature"),
            ("six minutes old", SignedGeneric(body, sentAt: DateTimeOffset.UtcNow.AddMinutes(-6)), "stale-timestamp"),
            ("six minutes ahead", SignedGeneric(body, sentAt: DateTimeOffset.UtcNow.AddMinutes(6)), "stale-timestamp"),
            ("not a number", SignedGeneric(body).With(WebhookHeaders.GenericTimestamp, "yesterday"), "malformed-timestamp"),
            ("timestamp changed after signing", SignedGeneric(body).With(WebhookHeaders.GenericTimestamp, WebhookTimestamp.Format(DateTimeOffset.UtcNow.AddSeconds(-30))), "bad-signature"),
        };
        foreach (var (name, headers, error) in cases)
        {
            var (status, text, _) = await server.PostAsync(body, headers);
            Assert.True(status == 401, $"{name}: {status} {text}");
            Assert.Equal(error, JsonNode.Parse(text)!["error"]?.ToString());
        }
        Assert.Equal(before, await server.CountAsync());
    }

    [Theory]
    [InlineData("duplicate key", "{\"recipe\":\"ci-app\",\"recipe\":\"other\",\"ref\":\"main\"}")]
    [InlineData("lone surrogate", "{\"recipe\":\"ci-app\",\"ref\":\"\\ud800\"}")]
    [InlineData("lone surrogate in a key", "{\"recipe\":\"ci-app\",\"ref\":\"main\",\"\\udc00\":1}")]
    [InlineData("invalid UTF-8", null)]
    public async Task Signed_bodies_that_are_not_strict_JSON_get_400_with_the_reason(string kind, string? json)
    {
        var body = json is null ? [.. "{\"recipe\":\"ci-app\",\"ref\":\"ma"u8.ToArray(), 0xff, 0xc0, .. "in\"}"u8.ToArray()] : WebhookServer.Utf8(json);
        await server.WaitUntilQuietAsync(Settle);
        var before = await server.CountAsync();
        foreach (var headers in new[] { SignedGitea(body), SignedGitHub(body), SignedGeneric(body) })
        {
            var (status, text, response) = await server.PostAsync(body, headers);
            Assert.True(status == 400, $"{kind}: {status} '{text}'");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var answer = JsonNode.Parse(text)!;
            Assert.Equal("malformed-json", answer["error"]?.ToString());
            Assert.False(string.IsNullOrWhiteSpace(answer["message"]?.ToString()));
        }
        Assert.Equal(before, await server.CountAsync());
    }

    [Fact]
    public async Task No_other_workflow_may_publish_or_catch_the_webhook_path()
    {
        var definitions = server.Services.GetRequiredService<WorkflowDefinitionService>();
        var refused = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            definitions.ImportAsync(Endpoint("shadow-ci", "ci"), "shadow-ci.json", CancellationToken.None));
        var reason = Assert.Single(refused.Problems).Reason;
        Assert.Contains("shadow-ci", reason);
        Assert.Contains("'ci'", reason);

        await definitions.ImportAsync(Endpoint("catch-everything", "{**rest}"), "catch-everything.json", CancellationToken.None);
        var instances = server.Services.GetRequiredService<IWorkflowInstanceStore>();
        var caught = await instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = "catch-everything" }, CancellationToken.None);

        var unsigned = WebhookServer.Utf8("{\"recipe\":\"ci-app\",\"ref\":\"main\"}");
        var (status, text, _) = await server.PostAsync(unsigned, []);

        Assert.True(status == 401, $"{status} {text}");
        Assert.Equal("missing-signature", JsonNode.Parse(text)!["error"]?.ToString());
        Assert.Equal(caught, await instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = "catch-everything" }, CancellationToken.None));
        await definitions.RetractAsync("catch-everything", CancellationToken.None);
    }

    [Fact]
    public async Task A_cross_site_GET_execute_is_refused_and_starts_nothing()
    {
        var instances = server.Services.GetRequiredService<IWorkflowInstanceStore>();
        await server.WaitUntilQuietAsync(Settle);
        var before = await instances.CountAsync(new WorkflowInstanceFilter(), CancellationToken.None);

        foreach (var (header, value) in new[] { ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "elsa/api/workflow-definitions/serve-canonical/execute"));
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", WebhookServer.ApiKey);
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await server.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, await instances.CountAsync(new WorkflowInstanceFilter(), CancellationToken.None));
    }

    /// <summary>A published workflow whose HttpEndpoint (POST, no authorization) starts it and writes 200.</summary>
    private static string Endpoint(string definitionId, string path) => new JsonObject
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["root"] = new JsonObject
        {
            ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "endpoint1", ["type"] = "Elsa.HttpEndpoint", ["version"] = 1,
                    ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
                    ["path"] = Literal("String", path),
                    ["supportedMethods"] = Literal("List<String>", "[\"POST\"]"),
                },
                new JsonObject
                {
                    ["id"] = "respond1", ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1,
                    ["statusCode"] = Literal("Int32", 200),
                    ["content"] = Literal("String", "caught"),
                }),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "endpoint1", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "respond1", ["port"] = "In" },
            }),
        },
    }.ToJsonString();

    private static JsonObject Literal(string typeName, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
