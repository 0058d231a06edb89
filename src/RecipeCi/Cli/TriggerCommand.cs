using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci trigger</c>: sends one generic CI webhook (<c>{recipe, ref, pr, mode}</c>) to <c>POST /workflows/ci</c>,
/// signed with <c>X-Signature-256</c> over <c>X-Signature-Timestamp</c> and the body, carrying an <c>X-Delivery-Id</c>,
/// and prints the run id and status URL.
/// When the server cannot be reached, does not answer in time or answers 5xx, it sends the same body with the same
/// delivery id again (bounded, with back-off), so a retry never starts a second run: a delivery the server had
/// already accepted answers 409 (<c>replayed-delivery</c> or <c>replayed-body</c>), which after a failed attempt means
/// "accepted". Every attempt carries the first attempt's timestamp, so all of them sign the same material.
/// Prints the run id (the one the run page, <c>runs labels</c> and <c>runs show</c> use) and its page URL. Exit 0 when the server accepted the run, 1 when it refused it or could not be
/// reached. With <c>--wait</c> it follows the run (<see cref="RunFollower"/>) and exits 0 pass, 1 fail, 2 error (a
/// refused trigger is an error then).
/// </summary>
public sealed class TriggerCommand : AsyncCommand<TriggerSettings>
{
    public const string WebhookPath = "workflows/ci";

    public override async Task<int> ExecuteAsync(CommandContext context, TriggerSettings settings, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["recipe"] = settings.Recipe,
            ["ref"] = settings.Ref,
            ["pr"] = settings.Pr,
            ["mode"] = settings.Mode ?? RunModes.Quick,
        };
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var deliveryId = settings.DeliveryId ?? Guid.NewGuid().ToString();
        // The signature covers the timestamp too, so a captured request cannot be replayed after five minutes.
        var timestamp = WebhookTimestamp.Format(DateTimeOffset.UtcNow);
        var url = new Uri(settings.ServerUri, WebhookPath);
        using var clients = new CliHttpClients();
        using var http = clients.Create(CliHttpClients.Webhook);
        string? lastProblem = null;
        for (var attempt = 1; attempt <= settings.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                var pause = TimeSpan.FromSeconds(Math.Min(2 << (attempt - 2), 30));
                Console.Error.WriteLine($"Attempt {attempt - 1} of {settings.Attempts} failed: {lastProblem} Sending delivery {deliveryId} again in {pause.TotalSeconds:0} s.");
                await Task.Delay(pause, cancellationToken);
            }
            var sent = await SendAsync(http, url, settings, body, timestamp, deliveryId, cancellationToken);
            if (sent.Problem is { } problem)
            {
                lastProblem = problem;
                continue;
            }
            using var response = sent.Response!;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = TryParse(text);
            if ((int)response.StatusCode >= 500)
            {
                lastProblem = $"{(int)response.StatusCode} {response.ReasonPhrase}: {json?["message"]?.ToString() ?? Shorten(text)}";
                continue;
            }
            if ((attempt > 1 || settings.DeliveryId is not null) && response.StatusCode == HttpStatusCode.Conflict
                && json?["error"]?.ToString() is "replayed-delivery" or "replayed-body")
            {
                // An earlier attempt (or an earlier run of the same CI job) got through and its answer was lost: the run
                // exists, and this one started none.
                Console.WriteLine($"Delivery {deliveryId} had already been accepted (an earlier answer was lost); no second run was started. See `recipeci runs list`.");
                if (settings.Wait)
                {
                    Console.Error.WriteLine("result: error (the run's page is in the lost answer; cannot follow it)");
                    return 2;
                }
                return 0;
            }
            if (response.StatusCode == HttpStatusCode.Accepted && json is not null && settings.Wait)
                return await WaitAsync(clients, settings, json, cancellationToken);
            return Answer(response, json, text, settings);
        }
        return Fail($"Gave up after {settings.Attempts} attempts: {lastProblem}", settings);
    }

    private static async Task<(HttpResponseMessage? Response, string? Problem)> SendAsync(HttpClient http, Uri url, TriggerSettings settings, byte[] body,
        string timestamp, string deliveryId, CancellationToken cancellationToken)
    {
        // A fresh request message per attempt (one cannot be sent twice), with the same body, signature and delivery id.
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookHeaders.GenericTimestamp, timestamp);
        request.Headers.Add(WebhookHeaders.GenericSignature,
            WebhookSignature.Sign(WebhookSource.Generic, settings.SecretValue!, WebhookTimestamp.SignedMaterial(timestamp, body)));
        request.Headers.Add(WebhookHeaders.GenericDelivery, deliveryId);
        try
        {
            return (await http.SendAsync(request, cancellationToken), null);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return (null, $"Cannot reach {settings.ServerUri}: connection refused. Is recipeci serve running there (check --server)?");
        }
        catch (HttpRequestException e)
        {
            return (null, $"Cannot reach {settings.ServerUri}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{url} did not answer within {CliHttpClients.WebhookAttemptTimeout.TotalSeconds:0} s.");
        }
    }

    private static int Answer(HttpResponseMessage response, JsonObject? json, string text, TriggerSettings settings)
    {
        if (response.StatusCode == HttpStatusCode.Accepted && json is not null)
        {
            if (settings.Json)
                Console.WriteLine(CliJson.Write(Accepted(json), oneLine: true));
            else
            {
                // One id: the run id, which the run page, runs labels and runs show use too (the engine's instance
                // ids stay behind it).
                var runId = json["runId"]?.ToString() ?? "";
                Console.WriteLine($"Run {runId} started ({json["mode"]}).");
                if (json["pageUrl"]?.ToString() is { } pageUrl)
                    Console.WriteLine($"Page: {pageUrl}");
                Console.WriteLine($"Show: recipeci runs show {runId} --server {settings.ServerUri}");
            }
            return 0;
        }
        if (settings.Json && json is not null)
            Console.WriteLine(CliJson.Write(json, oneLine: true));
        if (settings.Wait)
            Console.Error.WriteLine("result: error (the server did not accept the run)");
        var problem = json?["message"]?.ToString() ?? Shorten(text);
        return Fail((int)response.StatusCode switch
        {
            401 when json?["error"]?.ToString() == "stale-timestamp" => $"401 refused: {problem}",
            401 => $"401 refused: {problem} (check --secret: it must be the server's Ci:WebhookSecret).",
            409 => $"409 conflict: {problem}",
            413 => $"413 the request is larger than the server's limit (Http:MaxRequestBytes): {problem}",
            404 when json?["error"]?.ToString() == "not-found" => $"404: {problem} Is workflows/ci.json published on this server?",
            var status => $"{status} {response.ReasonPhrase}: {problem}",
        }, settings);
    }

    private static async Task<int> WaitAsync(CliHttpClients clients, TriggerSettings settings, JsonObject accepted, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Run {accepted["runId"]} started ({accepted["mode"]}); following it (--timeout {settings.TimeoutValue}).");
        if (accepted["pageUrl"]?.ToString() is not { Length: > 0 } pageUrl)
        {
            Console.Error.WriteLine("The server's answer has no pageUrl (a recipeci server older than run pages?); cannot follow the run. result: error");
            return 2;
        }
        Console.WriteLine($"Page: {pageUrl}");
        using var http = clients.Create(CliHttpClients.RunPage);
        return await new RunFollower(http, TimeProvider.System, Console.Out, TimeSpan.FromSeconds(2)).FollowAsync(pageUrl, settings.TimeoutValue, cancellationToken);
    }

    /// <summary>
    /// What <c>trigger --json</c> prints of the server's 202 answer: the run id (no engine instance id beside it), the
    /// run's labels with <c>pr</c> as a number, and its page.
    /// </summary>
    public static JsonObject Accepted(JsonObject answer) => new()
    {
        ["runId"] = answer["runId"]?.DeepClone(),
        ["mode"] = answer["mode"]?.DeepClone(),
        ["recipe"] = answer["recipe"]?.DeepClone(),
        ["ref"] = answer["ref"]?.DeepClone(),
        ["pr"] = RunLabelsJson.PrNumber(answer["pr"]?.ToString()),
        ["pageUrl"] = answer["pageUrl"]?.DeepClone(),
    };

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;

    private static JsonObject? TryParse(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }

    private static int Fail(string message, TriggerSettings settings)
    {
        Console.Error.WriteLine(message);
        return settings.Wait ? 2 : 1;
    }
}
