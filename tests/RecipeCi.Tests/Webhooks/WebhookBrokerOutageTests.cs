using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecipeCi.Server;
using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;
using TestKit;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Xunit.Abstractions;
using static RecipeCi.Tests.Webhooks.WebhookRequests;

namespace RecipeCi.Tests.Webhooks;

/// <summary>
/// <c>POST /workflows/ci</c> on a server (PostgreSQL, a private RabbitMQ node) whose broker is stopped for 30 s: the
/// webhook answers 202 within 5 s and its run is dispatched once the broker is back; <c>recipeci trigger</c>, whose
/// first answer is lost on the way, sends the same delivery again and no second run is made.
/// </summary>
[Trait("Category", "Services")]
public sealed class WebhookBrokerOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(5);
    private const int LeaseSeconds = 5;

    [Fact]
    public async Task A_webhook_during_a_30_second_broker_outage_answers_202_within_5_s_and_makes_exactly_one_run_also_when_trigger_retries()
    {
        await using var rabbit = await PrivateRabbitMq.StartAsync("webhook");
        await using var database = await PostgresDatabase.CreateAsync("webhook-outage");
        using var data = new TempFolder("webhook-outage");
        var app = await StartServerAsync(data.Path, database.ConnectionString, rabbit);
        try
        {
            var baseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
            await using var proxy = new LostAnswerProxy(baseUri);
            // One delivery with the broker up first: the first request of a fresh process is slow for reasons of its
            // own (JIT, the first checkout), which the 5 s bound is not about.
            var warmUp = await PostAsync(http, Generic(WebhookServer.Recipe, "1.1.0+1.0", 20, "quick"));
            Assert.True(warmUp.Status == 202, warmUp.Text);
            var before = await CountAsync(app.Services);

            await rabbit.StopAppAsync();
            var stopped = Stopwatch.StartNew();
            JsonObject accepted;
            (int Exit, string Output) trigger;
            try
            {
                var watch = Stopwatch.StartNew();
                var (status, text) = await PostAsync(http, Generic(WebhookServer.Recipe, "1.1.0+1.0", 21, "quick"));
                output.WriteLine($"webhook answered {status} in {watch.Elapsed.TotalSeconds:0.00} s during the outage: {text}");
                Assert.True(status == 202, text);
                Assert.True(watch.Elapsed < Answer, $"the webhook answered after {watch.Elapsed.TotalSeconds:0.0} s");
                accepted = JsonNode.Parse(text)!.AsObject();

                // recipeci trigger through a relay that loses the first answer: it retries with the same delivery.
                watch.Restart();
                trigger = await RecipeCiProcess.RunAsync(
                [
                    "trigger", "--server", proxy.BaseUri.ToString(), "--recipe", WebhookServer.Recipe, "--ref", "1.1.0+1.0", "--pr", "22",
                    "--delivery-id", "ci-job-4711", "--attempts", "3",
                ], TimeSpan.FromSeconds(90), new Dictionary<string, string> { ["RECIPECI_WEBHOOK_SECRET"] = WebhookServer.Secret });
                output.WriteLine($"trigger exited {trigger.Exit} after {watch.Elapsed.TotalSeconds:0.0} s:\n{trigger.Output}");
                Assert.True(stopped.Elapsed < Outage, "the broker outage ended before the webhooks were sent");
                var rest = Outage - stopped.Elapsed;
                await Task.Delay(rest);
            }
            finally
            {
                await rabbit.StartAppAsync();
            }
            Assert.Equal(1, proxy.LostAnswers);
            Assert.Equal(0, trigger.Exit);
            Assert.Contains("Attempt 1 of 3 failed", trigger.Output);
            Assert.Contains("already been accepted", trigger.Output);

            // Exactly one run per delivery, and every dispatched instance runs once the broker is back.
            var after = await CountAsync(app.Services);
            Assert.Equal(before.RunRecords + 2, after.RunRecords);
            Assert.Equal(before.CiInstances + 2, after.CiInstances);
            Assert.Equal(before.Deliveries + 2, after.Deliveries);
            Assert.NotNull(await app.Services.GetRequiredService<RunRecords>().GetAsync(accepted["runId"]!.ToString(), CancellationToken.None));
            await WaitAllFinishedAsync(app.Services, TimeSpan.FromSeconds(LeaseSeconds + 60));

            // The database out of reach (this test's own database refuses connections): JSON, not an empty 500.
            await database.SetConnectableAsync(false);
            try
            {
                var (status, text) = await PostAsync(http, Generic(WebhookServer.Recipe, "1.1.0+1.0", 23, "quick"));
                output.WriteLine($"with the database down the webhook answered {status}: {text}");
                Assert.Equal(503, status);
                var error = JsonNode.Parse(text)!.AsObject();
                Assert.Equal("unavailable", error["error"]!.ToString());
                Assert.False(string.IsNullOrWhiteSpace(error["message"]?.ToString()));
            }
            finally
            {
                await database.SetConnectableAsync(true);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<(int Status, string Text)> PostAsync(HttpClient http, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/ci") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in SignedGeneric(body))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<WebApplication> StartServerAsync(string folder, string connectionString, PrivateRabbitMq rabbit)
    {
        var recipes = Directory.CreateDirectory(Path.Combine(folder, "recipes")).FullName;
        new FixtureRecipes().CreateRepository(WebhookServer.Recipe, recipes);
        var workflows = Directory.CreateDirectory(Path.Combine(folder, "workflows")).FullName;
        RepositoryFlows.CopyCiFlowsTo(workflows);
        var app = ServerBuilder.Build(
        [
            "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--DataDir", folder,
            "--Persistence:Provider", "PostgreSql",
            "--Persistence:ConnectionString", connectionString,
            "--Bus:Transport", "RabbitMq",
            "--Bus:RabbitMq:Host", "127.0.0.1",
            "--Bus:RabbitMq:Port", rabbit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Bus:RabbitMq:Username", "guest",
            "--Bus:RabbitMq:Password", "guest",
            "--Runtime:NodeId", "webhook-node",
            "--Runtime:LeaseSeconds", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Workflows:Folder", workflows,
            "--Recipes:Root", recipes,
            "--Ci:WebhookSecret", WebhookServer.Secret,
            "--Ci:ApiKey", WebhookServer.ApiKey,
            "--Docker:Endpoint", "unix://" + Path.Combine(folder, "no-docker.sock"),
        ], "text");
        await app.StartAsync();
        var definitions = app.Services.GetRequiredService<WorkflowDefinitionService>();
        await Eventually.UntilAsync(async () => await definitions.FindAsync("ci", VersionSelector.Published, CancellationToken.None) is not null,
            TimeSpan.FromSeconds(60), () => "workflows/ci.json was not imported", TimeSpan.FromMilliseconds(200));
        return app;
    }

    private static async Task<(long CiInstances, int RunRecords, int Deliveries)> CountAsync(IServiceProvider services)
    {
        var ci = await services.GetRequiredService<IWorkflowInstanceStore>().CountAsync(new WorkflowInstanceFilter { DefinitionId = "ci" }, CancellationToken.None);
        var runs = (await services.GetRequiredService<RunRecords>().ListAsync(null, 100_000, CancellationToken.None)).Count;
        var deliveries = await services.GetRequiredService<WebhookDeliveries>().CountAsync(CancellationToken.None);
        return (ci, runs, deliveries);
    }

    /// <summary>Every instance (the webhook flows and the runs they dispatched) reaches Finished: none is left Pending.</summary>
    private static async Task WaitAllFinishedAsync(IServiceProvider services, TimeSpan timeout)
    {
        var instances = services.GetRequiredService<IWorkflowInstanceStore>();
        await Eventually.UntilAsync(() => instances.CountAsync(new WorkflowInstanceFilter { Statuses = [WorkflowStatus.Running] }, CancellationToken.None),
            running => running == 0, timeout, running => $"{running} instances still running after the broker's return", TimeSpan.FromMilliseconds(250));
    }
}
