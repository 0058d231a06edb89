using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;
using static RecipeCi.Tests.Webhooks.WebhookRequests;

namespace RecipeCi.Tests.Webhooks;

/// <summary>
/// <c>POST /workflows/ci</c> on a real server: each correctly signed kind (Gitea, GitHub, generic) starts exactly one
/// run; hundreds of malformed, mis-signed, replayed and oversized requests get 4xx JSON naming the problem and
/// create no instance, run record or delivery (counted in the stores before and after).
/// </summary>
public sealed class CiWebhookSecurityTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_signed_delivery_of_each_kind_answers_202_and_starts_exactly_one_run()
    {
        var kinds = new (string Kind, byte[] Body, (string, string)[] Headers, string Mode, string? Pr)[]
        {
            ("gitea", PullRequest(WebhookServer.Recipe, server.HeadSha, 11), [], RunModes.Quick, "11"),
            ("github", PullRequest(WebhookServer.Recipe, server.HeadSha, 12, "synchronize"), [], RunModes.Quick, "12"),
            ("generic", Generic(WebhookServer.Recipe, "1.1.0+1.0", 13, "cold"), [], RunModes.Cold, "13"),
        };
        foreach (var (kind, body, _, mode, pr) in kinds)
        {
            await server.WaitUntilQuietAsync(Settle);
            var before = await server.CountAsync();
            var headers = kind switch { "gitea" => SignedGitea(body), "github" => SignedGitHub(body), _ => SignedGeneric(body) };

            var (status, text, response) = await server.PostAsync(body, headers);

            Assert.True(status == 202, $"{kind}: {status} {text}");
            var json = JsonNode.Parse(text)!.AsObject();
            var runId = json["runId"]!.ToString();
            var instanceId = json["instanceId"]!.ToString();
            Assert.Equal(mode, json["mode"]!.ToString());
            Assert.Equal($"/elsa/api/workflow-instances/{instanceId}", json["statusUrl"]!.ToString());
            Assert.Equal(json["statusUrl"]!.ToString(), response.Headers.Location?.ToString());

            var after = await server.CountAsync();
            Assert.Equal(before.RunRecords + 1, after.RunRecords);
            Assert.Equal(before.CiInstances + 1, after.CiInstances);
            Assert.Equal(before.Deliveries + 1, after.Deliveries);
            var record = await server.Services.GetRequiredService<RunRecords>().GetAsync(runId, CancellationToken.None);
            Assert.NotNull(record);
            Assert.Equal(WebhookServer.Recipe, record.Recipe);
            Assert.Equal(RunTriggers.Webhook, record.Trigger);
            Assert.Equal(pr, record.Pr);
        }
        await server.WaitUntilQuietAsync(Settle);
    }

    [Fact]
    public async Task Ignored_pull_request_actions_other_events_and_pings_answer_200_and_create_nothing()
    {
        await server.WaitUntilQuietAsync(Settle);
        var before = await server.CountAsync();
        foreach (var action in new[] { "closed", "labeled", "edited", "assigned" })
        {
            var body = PullRequest(WebhookServer.Recipe, server.HeadSha, action: action);
            foreach (var headers in new[] { SignedGitea(body), SignedGitHub(body) })
            {
                var (status, text, _) = await server.PostAsync(body, headers);
                Assert.True(status == 200, text);
                Assert.True(JsonNode.Parse(text)!["ignored"]!.GetValue<bool>());
            }
        }
        // Events recipeci does not act on are ignored with the reason, never refused (the forge would mark the hook failing).
        var goodPr = PullRequest(WebhookServer.Recipe, server.HeadSha);
        foreach (var eventName in new[] { "issues", "create", "delete", "release", "pull_request_review", "workflow_run", "star" })
        {
            foreach (var headers in new[] { SignedGitea(goodPr, eventName: eventName), SignedGitHub(goodPr, eventName: eventName) })
            {
                var (status, text, _) = await server.PostAsync(goodPr, headers);
                Assert.True(status == 200, text);
                var json = JsonNode.Parse(text)!;
                Assert.True(json["ignored"]!.GetValue<bool>());
                Assert.Contains($"'{eventName}' does not start a run", json["message"]!.ToString(), StringComparison.Ordinal);
            }
        }
        var ping = WebhookServer.Utf8("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");
        var (pingStatus, pingText, _) = await server.PostAsync(ping, SignedGitHub(ping, eventName: "ping"));
        Assert.True(pingStatus == 200, pingText);
        Assert.Equal(before, await server.CountAsync());
    }

    [Fact]
    public async Task The_Elsa_API_without_credentials_answers_401_json()
    {
        using var response = await server.Http.GetAsync(new Uri(server.BaseUri, "elsa/api/workflow-instances"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Two_hundred_malformed_mis_signed_replayed_or_oversized_requests_get_4xx_and_create_nothing()
    {
        // One accepted delivery of each kind, whose ids are replayed below.
        var acceptedGeneric = Generic(WebhookServer.Recipe, "1.0.0+1.0", mode: "cold");
        var genericId = NewId();
        Assert.Equal(202, (await server.PostAsync(acceptedGeneric, SignedGeneric(acceptedGeneric, genericId))).Status);
        var acceptedPr = PullRequest(WebhookServer.Recipe, server.HeadSha);
        var acceptedGitHubPr = PullRequest(WebhookServer.Recipe, server.HeadSha, number: 8); // one body is accepted once, whoever signs it
        var giteaId = NewId();
        var githubId = NewId();
        Assert.Equal(202, (await server.PostAsync(acceptedPr, SignedGitea(acceptedPr, giteaId))).Status);
        Assert.Equal(202, (await server.PostAsync(acceptedGitHubPr, SignedGitHub(acceptedGitHubPr, githubId))).Status);
        await server.WaitUntilQuietAsync(Settle);
        var before = await server.CountAsync();

        var cases = BadRequests(server.HeadSha, genericId, giteaId, githubId).ToList();
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        var failures = new List<string>();
        var errors = new HashSet<string>();
        foreach (var bad in cases)
        {
            var (status, text, response) = await server.PostAsync(bad.Body, bad.Headers, bad.ContentType);
            JsonNode? json = null;
            try { json = JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
            var error = json?["error"]?.ToString();
            if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/json" || error is null
                || json?["message"]?.ToString() is not { Length: > 0 })
                failures.Add($"{bad.Name}: {status} {text}");
            else if (bad.Expected is { } expected && error != expected)
                failures.Add($"{bad.Name}: expected {expected}, got {status} {text}");
            if (error is not null) errors.Add(error);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await server.WaitUntilQuietAsync(Settle);
        Assert.Equal(before, await server.CountAsync());
        // Every named problem showed up at least once.
        foreach (var expected in new[] { "missing-signature", "malformed-signature", "bad-signature", "malformed-json", "bad-recipe", "missing-recipe",
                     "missing-ref", "bad-ref", "bad-pr", "bad-mode", "unknown-field", "missing-default-branch", "missing-commenter", "missing-delivery-id", "bad-delivery-id",
                     "replayed-delivery", "request-too-large", "unknown-recipe", "unknown-ref" })
            Assert.Contains(expected, errors);
    }

    private sealed record BadRequest(string Name, byte[] Body, (string, string)[] Headers, string? Expected, string ContentType = "application/json");

    private static IEnumerable<BadRequest> BadRequests(string sha, string genericId, string giteaId, string githubId)
    {
        var random = new Random(20261127);
        var good = Generic(WebhookServer.Recipe, "1.1.0+1.0");
        var goodPr = PullRequest(WebhookServer.Recipe, sha);

        // Signatures: missing, random, truncated, for another body, with another secret, in the wrong format.
        for (var i = 0; i < 10; i++)
        {
            yield return new($"missing generic signature {i}", good, SignedGeneric(good).With(WebhookHeaders.GenericSignature, null), "missing-signature");
            yield return new($"missing gitea signature {i}", goodPr, SignedGitea(goodPr).With(WebhookHeaders.GiteaSignature, null), "missing-signature");
            yield return new($"missing github signature {i}", goodPr, SignedGitHub(goodPr).With(WebhookHeaders.GitHubSignature, null), "missing-signature");
            var randomHex = Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 32));
            yield return new($"random generic signature {i}", good, SignedGeneric(good).With(WebhookHeaders.GenericSignature, "sha256=" + randomHex), "bad-signature");
            yield return new($"random gitea signature {i}", goodPr, SignedGitea(goodPr).With(WebhookHeaders.GiteaSignature, randomHex), "bad-signature");
            yield return new($"random github signature {i}", goodPr, SignedGitHub(goodPr).With(WebhookHeaders.GitHubSignature, "sha256=" + randomHex), "bad-signature");
            var full = WebhookSignature.Sign(WebhookSource.Generic, WebhookServer.Secret, good);
            yield return new($"truncated generic signature {i}", good, SignedGeneric(good).With(WebhookHeaders.GenericSignature, full[..(full.Length - 1 - i * 6)]), "malformed-signature");
            var hex = WebhookSignature.Sign(WebhookSource.Gitea, WebhookServer.Secret, goodPr);
            yield return new($"truncated gitea signature {i}", goodPr, SignedGitea(goodPr).With(WebhookHeaders.GiteaSignature, hex[..(hex.Length - 1 - i * 6)]), "malformed-signature");
            var other = Generic(WebhookServer.Recipe, $"1.0.0+1.0", pr: i + 1);
            yield return new($"signature of another body {i}", good, SignedGeneric(good).With(WebhookHeaders.GenericSignature, WebhookSignature.Sign(WebhookSource.Generic, WebhookServer.Secret, other)), "bad-signature");
            yield return new($"wrong secret generic {i}", good, SignedGeneric(good, secret: $"wrong-{i}"), "bad-signature");
            yield return new($"wrong secret gitea {i}", goodPr, SignedGitea(goodPr, secret: WebhookServer.Secret + i), "bad-signature");
            yield return new($"wrong secret github {i}", goodPr, SignedGitHub(goodPr, secret: WebhookServer.Secret[..(i + 1)]), "bad-signature");
        }
        yield return new("github signature without prefix", goodPr, SignedGitHub(goodPr).With(WebhookHeaders.GitHubSignature,
            WebhookSignature.Sign(WebhookSource.Gitea, WebhookServer.Secret, goodPr)), "malformed-signature");
        yield return new("gitea signature with sha1 prefix", goodPr, SignedGitea(goodPr).With(WebhookHeaders.GiteaSignature,
            "sha1=" + WebhookSignature.Sign(WebhookSource.Gitea, WebhookServer.Secret, goodPr)), "malformed-signature");
        yield return new("generic signature in upper-case non-hex", good, SignedGeneric(good).With(WebhookHeaders.GenericSignature, "sha256=" + new string('Z', 64)), "malformed-signature");
        yield return new("gitea event signed the GitHub way only", goodPr, [.. SignedGitHub(goodPr), (WebhookHeaders.GiteaEvent, "pull_request")], "missing-signature");

        // Fuzzed bodies, correctly signed: not JSON, truncated JSON, JSON that is not an object.
        for (var i = 0; i < 20; i++)
        {
            var noise = random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 1 + random.Next(200));
            noise[0] = (byte)'#';
            yield return new($"random bytes {i}", noise, SignedGeneric(noise), "malformed-json");
            var truncated = good[..random.Next(1, good.Length - 1)];
            yield return new($"truncated json {i}", truncated, SignedGeneric(truncated), "malformed-json");
        }
        foreach (var (name, text) in new[] { ("array", "[1,2]"), ("string", "\"ci-app\""), ("number", "42"), ("null", "null"), ("empty", ""), ("form", "recipe=ci-app&ref=main") })
            yield return new($"body is {name}", WebhookServer.Utf8(text), SignedGeneric(WebhookServer.Utf8(text)), "malformed-json");
        yield return new("gitea body is an array", WebhookServer.Utf8("[]"), SignedGitea(WebhookServer.Utf8("[]")), "malformed-json");

        // Bad fields of the generic payload.
        foreach (var recipe in new[] { "../etc", "a;b", "Ci-App", "ci app", "ci/app", "..", "-ci", "1ci", "ci_app", "récipe", "ci-app\u0000", "ci-app\n", "日本", "$(id)", "`id`", new string('a', 41), "ci-app;rm -rf /", "%2e%2e" })
        {
            var body = Generic(recipe, "1.1.0+1.0");
            yield return new($"generic recipe '{recipe}'", body, SignedGeneric(body), "bad-recipe");
            var prBody = PullRequest(recipe, sha);
            yield return new($"gitea repository '{recipe}'", prBody, SignedGitea(prBody), "bad-recipe");
        }
        foreach (var gitRef in new[] { "../x", "-rf", "--upload-pack=x", "a..b", "main;id", "HEAD~1", "HEAD^", "a b", "ré", "x.lock", "dir/", "a//b", ".hidden", "@{-1}", "$(id)", new string('a', 201), "main\n" })
        {
            var body = Generic(WebhookServer.Recipe, gitRef);
            yield return new($"generic ref '{gitRef}'", body, SignedGeneric(body), "bad-ref");
            var prBody = PullRequest(WebhookServer.Recipe, gitRef);
            yield return new($"github head '{gitRef}'", prBody, SignedGitHub(prBody), "bad-ref");
        }
        foreach (var (name, json) in new[]
                 {
                     ("no recipe", "{\"ref\":\"main\"}"), ("null recipe", "{\"recipe\":null,\"ref\":\"main\"}"), ("empty recipe", "{\"recipe\":\"\",\"ref\":\"main\"}"),
                     ("numeric recipe", "{\"recipe\":5,\"ref\":\"main\"}"), ("object recipe", "{\"recipe\":{},\"ref\":\"main\"}"),
                 })
            yield return new($"generic {name}", WebhookServer.Utf8(json), SignedGeneric(WebhookServer.Utf8(json)), name == "numeric recipe" || name == "object recipe" ? "missing-recipe" : "missing-recipe");
        foreach (var (name, json) in new[] { ("no ref", "{\"recipe\":\"ci-app\"}"), ("numeric ref", "{\"recipe\":\"ci-app\",\"ref\":1}"), ("array ref", "{\"recipe\":\"ci-app\",\"ref\":[\"main\"]}") })
            yield return new($"generic {name}", WebhookServer.Utf8(json), SignedGeneric(WebhookServer.Utf8(json)), "missing-ref");
        foreach (var pr in new[] { "-1", "0", "\"abc\"", "1.5", "99999999999", "true", "\"12a\"", "{}" })
        {
            var body = WebhookServer.Utf8($"{{\"recipe\":\"ci-app\",\"ref\":\"main\",\"pr\":{pr}}}");
            yield return new($"generic pr {pr}", body, SignedGeneric(body), "bad-pr");
        }
        foreach (var mode in new[] { "\"hot\"", "\"QUICK\"", "1", "\"cold (fallback)\"", "[]" })
        {
            var body = WebhookServer.Utf8($"{{\"recipe\":\"ci-app\",\"ref\":\"main\",\"mode\":{mode}}}");
            yield return new($"generic mode {mode}", body, SignedGeneric(body), "bad-mode");
        }
        foreach (var field in new[] { "recipie", "trigger", "runId", "__proto__" })
        {
            var body = WebhookServer.Utf8($"{{\"recipe\":\"ci-app\",\"ref\":\"main\",\"{field}\":\"x\"}}");
            yield return new($"generic unknown field {field}", body, SignedGeneric(body), "unknown-field");
        }
        var noPullRequest = WebhookServer.Utf8("{\"action\":\"opened\",\"number\":1,\"repository\":{\"name\":\"ci-app\"}}");
        yield return new("pull_request object missing", noPullRequest, SignedGitea(noPullRequest), "missing-pull-request");
        var noAction = WebhookServer.Utf8("{\"number\":1,\"pull_request\":{\"head\":{\"sha\":\"abc1234\"}},\"repository\":{\"name\":\"ci-app\"}}");
        yield return new("action missing", noAction, SignedGitHub(noAction), "missing-action");
        var noRepository = WebhookServer.Utf8("{\"action\":\"opened\",\"number\":1,\"pull_request\":{\"head\":{\"sha\":\"abc1234\"}}}");
        yield return new("repository missing", noRepository, SignedGitHub(noRepository), "missing-recipe");
        var noHead = WebhookServer.Utf8("{\"action\":\"opened\",\"number\":1,\"pull_request\":{},\"repository\":{\"name\":\"ci-app\"}}");
        yield return new("head missing", noHead, SignedGitea(noHead), "missing-ref");
        var badNumber = PullRequest(WebhookServer.Recipe, sha, number: -4);
        yield return new("pr number negative", badNumber, SignedGitHub(badNumber), "bad-pr");

        // Push events that are not pushes: no ref, a bad ref, no default branch; comments that are not comments.
        yield return new("gitea push without ref", goodPr, SignedGitea(goodPr, eventName: "push"), "missing-ref");
        yield return new("github push without ref", goodPr, SignedGitHub(goodPr, eventName: "push"), "missing-ref");
        foreach (var badRef in new[] { "refs/heads/-x", "refs/tags/a..b", "refs/heads/main..x", "refs/tags/x.lock" })
        {
            var badPush = WebhookServer.Utf8(new JsonObject
            {
                ["ref"] = badRef, ["after"] = sha,
                ["repository"] = new JsonObject { ["name"] = WebhookServer.Recipe, ["default_branch"] = badRef[(badRef.IndexOf('/', 5) + 1)..] },
            }.ToJsonString());
            yield return new($"push of '{badRef}'", badPush, SignedGitea(badPush, eventName: "push"), "bad-ref");
        }
        var noDefault = WebhookServer.Utf8(new JsonObject { ["ref"] = "refs/heads/main", ["after"] = sha, ["repository"] = new JsonObject { ["name"] = WebhookServer.Recipe } }.ToJsonString());
        yield return new("push without default branch", noDefault, SignedGitHub(noDefault, eventName: "push"), "missing-default-branch");
        var commentNoAction = WebhookServer.Utf8("{\"comment\":{\"body\":\"!testme\"}}");
        yield return new("comment without action", commentNoAction, SignedGitea(commentNoAction, eventName: "issue_comment"), "missing-action");
        var commentNoUser = WebhookServer.Utf8("{\"action\":\"created\",\"comment\":{\"body\":\"!testme\"},\"issue\":{\"number\":3,\"pull_request\":{}},\"repository\":{\"name\":\"ci-app\",\"full_name\":\"org/ci-app\"}}");
        yield return new("comment without author", commentNoUser, SignedGitHub(commentNoUser, eventName: "issue_comment"), "missing-commenter");
        var commentBadNumber = WebhookServer.Utf8("{\"action\":\"created\",\"comment\":{\"body\":\"!testme\",\"user\":{\"login\":\"a\"}},\"issue\":{\"number\":-1,\"pull_request\":{}},\"repository\":{\"name\":\"ci-app\",\"full_name\":\"org/ci-app\"}}");
        yield return new("comment on PR -1", commentBadNumber, SignedGitea(commentBadNumber, eventName: "issue_comment"), "bad-pr");

        // Delivery ids: missing, malformed, replayed.
        yield return new("generic without delivery id", good, SignedGeneric(good).With(WebhookHeaders.GenericDelivery, null), "missing-delivery-id");
        yield return new("gitea without delivery id", goodPr, SignedGitea(goodPr).With(WebhookHeaders.GiteaDelivery, null), "missing-delivery-id");
        yield return new("github without delivery id", goodPr, SignedGitHub(goodPr).With(WebhookHeaders.GitHubDelivery, null), "missing-delivery-id");
        foreach (var id in new[] { "a b", "../x", new string('x', 101), "id;drop", "{x}", "a,b" })
            yield return new($"delivery id '{id}'", good, SignedGeneric(good).With(WebhookHeaders.GenericDelivery, id), "bad-delivery-id");
        for (var i = 0; i < 8; i++)
        {
            // A replay is refused whatever the body: the same payload again, or another valid one.
            var body = i % 2 == 0 ? Generic(WebhookServer.Recipe, "1.0.0+1.0", mode: "cold") : Generic(WebhookServer.Recipe, "1.1.0+1.0", pr: i + 1);
            yield return new($"replayed generic delivery {i}", body, SignedGeneric(body, genericId), "replayed-delivery");
            yield return new($"replayed gitea delivery {i}", goodPr, SignedGitea(goodPr, giteaId), "replayed-delivery");
            yield return new($"replayed github delivery {i}", goodPr, SignedGitHub(goodPr, githubId), "replayed-delivery");
        }

        // Valid names the catalog does not know.
        foreach (var recipe in new[] { "no-such-recipe", "keycloak", "hello" })
        {
            var body = Generic(recipe, "main");
            yield return new($"unknown recipe {recipe}", body, SignedGeneric(body), "unknown-recipe");
        }
        foreach (var gitRef in new[] { "no-such-branch", "9.9.9", "deadbeefdeadbeef" })
        {
            var body = Generic(WebhookServer.Recipe, gitRef);
            yield return new($"unknown ref {gitRef}", body, SignedGeneric(body), "unknown-ref");
        }

        // Oversized bodies, signed or not.
        foreach (var size in new[] { WebhookServer.MaxRequestBytes + 1, WebhookServer.MaxRequestBytes * 2, WebhookServer.MaxRequestBytes * 8 })
        {
            var padding = new string(' ', size);
            var body = WebhookServer.Utf8($"{{\"recipe\":\"ci-app\",\"ref\":\"main\"{padding}}}");
            yield return new($"oversized signed {size}", body, SignedGeneric(body), "request-too-large");
            yield return new($"oversized unsigned {size}", body, [], "request-too-large");
            yield return new($"oversized gitea {size}", body, SignedGitea(body), "request-too-large");
        }
    }
}
