using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci trigger</c>: sends one generic CI webhook (<c>{recipe, ref, pr, mode}</c>) to <c>POST /workflows/ci</c>,
/// signed with <c>X-Signature-256</c> and carrying a fresh <c>X-Delivery-Id</c>, and prints the run id and its page URL.
/// Exit 0 when the server accepted the run, 1 when it refused it or could not be reached. With <c>--wait</c> it follows
/// the run (<see cref="RunFollower"/>) and exits 0 pass, 1 fail, 2 error (a refused trigger is an error then).
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
        var url = new Uri(settings.ServerUri, WebhookPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookHeaders.GenericSignature, WebhookSignature.Sign(WebhookSource.Generic, settings.SecretValue!, body));
        request.Headers.Add(WebhookHeaders.GenericDelivery, Guid.NewGuid().ToString());

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return Fail($"Cannot reach {settings.ServerUri}: connection refused. Is recipeci serve running there (check --server)?", settings);
        }
        catch (HttpRequestException e)
        {
            return Fail($"Cannot reach {settings.ServerUri}: {e.Message}", settings);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail($"{url} did not answer within 60 s.", settings);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = TryParse(text);
            if (response.StatusCode == HttpStatusCode.Accepted && json is not null && settings.Wait)
                return await WaitAsync(settings, json, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted && json is not null)
            {
                if (settings.Json)
                    Console.WriteLine(json.ToJsonString());
                else
                {
                    var statusUrl = json["statusUrl"]?.ToString();
                    AnsiConsole.MarkupLine($"Run [bold]{Markup.Escape(json["runId"]?.ToString() ?? "")}[/] started ({Markup.Escape(json["mode"]?.ToString() ?? "")}).");
                    if (json["pageUrl"]?.ToString() is { } pageUrl)
                        Console.WriteLine($"Page: {pageUrl}");
                    if (statusUrl is not null)
                        Console.WriteLine($"Status: {new Uri(settings.ServerUri, statusUrl.TrimStart('/'))}");
                }
                return 0;
            }
            if (settings.Json && json is not null)
                Console.WriteLine(json.ToJsonString());
            if (settings.Wait)
                Console.Error.WriteLine("result: error (the server did not accept the run)");
            var problem = json?["message"]?.ToString() ?? (text.Length > 300 ? text[..300] : text);
            return Fail((int)response.StatusCode switch
            {
                401 => $"401 refused: {problem} (check --secret: it must be the server's Ci:WebhookSecret).",
                409 => $"409 conflict: {problem}",
                413 => $"413 the request is larger than the server's limit (Http:MaxRequestBytes): {problem}",
                404 when json?["error"]?.ToString() == "not-found" => $"404: {problem} Is workflows/ci.json published on this server?",
                var status => $"{status} {response.ReasonPhrase}: {problem}",
            }, settings);
        }
    }

    private static async Task<int> WaitAsync(TriggerSettings settings, JsonObject accepted, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Run {accepted["runId"]} started ({accepted["mode"]}); following it (--timeout {settings.TimeoutValue}).");
        if (accepted["pageUrl"]?.ToString() is not { Length: > 0 } pageUrl)
        {
            Console.Error.WriteLine("The server's answer has no pageUrl (a recipeci server older than run pages?); cannot follow the run. result: error");
            return 2;
        }
        Console.WriteLine($"Page: {pageUrl}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await new RunFollower(http, TimeProvider.System, Console.Out, TimeSpan.FromSeconds(2)).FollowAsync(pageUrl, settings.TimeoutValue, cancellationToken);
    }

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
