using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Alerts;
using Recipes.Ci.Configuration;
using TestKit;

namespace Recipes.Ci.Tests.Alerts;

[Trait("Category", "Services")]
public sealed class AlertRelayTests : IAsyncLifetime
{
    private readonly TempFolder _root = new("alerts");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private RecordingHttpSink _webhook = null!;
    private RecordingHttpSink _ntfy = null!;
    private RecordingHttpSink _slack = null!;
    private AlertStore _store = null!;

    public async Task InitializeAsync()
    {
        _webhook = await RecordingHttpSink.StartAsync();
        _ntfy = await RecordingHttpSink.StartAsync();
        _slack = await RecordingHttpSink.StartAsync();
        _store = new AlertStore(_root.Path, NullLogger<AlertStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _webhook.DisposeAsync();
        await _ntfy.DisposeAsync();
        await _slack.DisposeAsync();
        _root.Dispose();
    }

    private AlertRelay Relay() => new(_store, AlertSinkFactory.Create(new AlertsOptions(
    [
        new AlertSinkSettings(AlertSinkKind.Webhook, new Uri(_webhook.BaseUrl, "hooks/recipeci"), null, "hook-token"),
        new AlertSinkSettings(AlertSinkKind.Ntfy, _ntfy.BaseUrl, "ci-alerts", "tk_ntfy"),
        new AlertSinkSettings(AlertSinkKind.Slack, new Uri(_slack.BaseUrl, "services/T0/B0/x"), null, null),
    ]), _http), NullLogger<AlertRelay>.Instance);

    private Task<string> Raise(string title = "Keycloak upgrade rolled back", AlertSeverity severity = AlertSeverity.Warning) =>
        _store.WriteAsync(Alert.Create(TimeProvider.System, severity, "warm/keycloak", title, "Health gate failed; restored last_good 26.1.0.",
            new Dictionary<string, string> { ["version"] = "26.2.0" }), CancellationToken.None);

    [Fact]
    public async Task Delivers_to_every_sink_in_its_format_then_moves_the_file_to_seen()
    {
        var path = await Raise();

        var report = await Relay().RelayAsync(CancellationToken.None);

        Assert.Equal(1, report.Delivered);
        Assert.Equal(0, report.StillPending);
        Assert.Empty(report.Failures);
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(Path.Combine(_store.SeenFolder, Path.GetFileName(path))));

        var hook = Assert.Single(_webhook.Accepted);
        Assert.Equal("/hooks/recipeci", hook.Path);
        Assert.Equal("Bearer hook-token", hook.Headers["Authorization"]);
        using (var json = JsonDocument.Parse(hook.Body))
        {
            Assert.Equal("Keycloak upgrade rolled back", json.RootElement.GetProperty("title").GetString());
            Assert.Equal("warning", json.RootElement.GetProperty("severity").GetString());
            Assert.Equal("26.2.0", json.RootElement.GetProperty("fields").GetProperty("version").GetString());
        }

        var ntfy = Assert.Single(_ntfy.Accepted);
        Assert.Equal("POST", ntfy.Method);
        Assert.Equal("/ci-alerts", ntfy.Path);
        Assert.Equal("Keycloak upgrade rolled back", ntfy.Headers["Title"]);
        Assert.Equal("4", ntfy.Headers["Priority"]);
        Assert.Equal("warning,recipeci,warm/keycloak", ntfy.Headers["Tags"]);
        Assert.Equal("Bearer tk_ntfy", ntfy.Headers["Authorization"]);
        Assert.Equal("Health gate failed; restored last_good 26.1.0.\nversion: 26.2.0", ntfy.Body);

        var slack = Assert.Single(_slack.Accepted);
        Assert.False(slack.Headers.ContainsKey("Authorization"));
        using (var json = JsonDocument.Parse(slack.Body))
        {
            var text = json.RootElement.GetProperty("text").GetString()!;
            Assert.StartsWith("*[WARNING] Keycloak upgrade rolled back* (warm/keycloak)", text);
            Assert.Contains("version: 26.2.0", text);
        }
    }

    [Fact]
    public async Task A_sink_that_is_down_keeps_the_file_and_gets_it_later_without_resending_to_the_others()
    {
        var path = await Raise();
        _ntfy.Down = true;
        var relay = Relay();

        var first = await relay.RelayAsync(CancellationToken.None);
        var second = await relay.RelayAsync(CancellationToken.None);

        Assert.Equal(0, first.Delivered);
        Assert.Equal(1, first.StillPending);
        Assert.Contains("503", Assert.Single(first.Failures));
        Assert.Equal(1, second.StillPending);
        Assert.True(File.Exists(path));
        Assert.Single(_webhook.Accepted);
        Assert.Single(_slack.Accepted);
        Assert.Empty(_ntfy.Accepted);

        _ntfy.Down = false;
        var third = await Relay().RelayAsync(CancellationToken.None);

        Assert.Equal(1, third.Delivered);
        Assert.False(File.Exists(path));
        Assert.Single(_webhook.Accepted);
        Assert.Single(_slack.Accepted);
        Assert.Single(_ntfy.Accepted);
    }

    [Fact]
    public async Task Critical_alerts_are_urgent_on_ntfy_and_non_ascii_titles_are_encoded()
    {
        await Raise("Größe über Grenze", AlertSeverity.Critical);

        await Relay().RelayAsync(CancellationToken.None);

        var ntfy = Assert.Single(_ntfy.Accepted);
        Assert.Equal("5", ntfy.Headers["Priority"]);
        Assert.StartsWith("rotating_light,", ntfy.Headers["Tags"]);
        var encoded = ntfy.Headers["Title"];
        Assert.StartsWith("=?UTF-8?B?", encoded);
        Assert.Equal("Größe über Grenze", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded[10..^2])));
    }

    [Fact]
    public async Task Files_that_are_not_alerts_are_moved_aside_and_do_not_block_the_relay()
    {
        await File.WriteAllTextAsync(Path.Combine(_root.Path, "garbage.json"), "{ not json");
        await Raise();

        var report = await Relay().RelayAsync(CancellationToken.None);

        Assert.Equal(1, report.Delivered);
        Assert.True(File.Exists(Path.Combine(_root.Path, "invalid", "garbage.json")));
    }

    [Fact]
    public async Task Alert_once_raises_a_keyed_alert_only_once_within_the_window_also_after_delivery()
    {
        var clock = new SettableTime(DateTimeOffset.UtcNow);
        var once = new AlertOnce(_store, clock);

        Assert.True(await once.RaiseAsync("held/keycloak/27", TimeSpan.FromHours(24), AlertSeverity.Info, "warm/keycloak", "Major bump held", "27.0.0 needs an operator.", null, CancellationToken.None));
        Assert.False(await once.RaiseAsync("held/keycloak/27", TimeSpan.FromHours(24), AlertSeverity.Info, "warm/keycloak", "Major bump held", "again", null, CancellationToken.None));
        Assert.True(await once.RaiseAsync("held/other/2", TimeSpan.FromHours(24), AlertSeverity.Info, "warm/other", "Major bump held", "other", null, CancellationToken.None));
        await Relay().RelayAsync(CancellationToken.None);
        Assert.False(await once.RaiseAsync("held/keycloak/27", TimeSpan.FromHours(24), AlertSeverity.Info, "warm/keycloak", "Major bump held", "after delivery", null, CancellationToken.None));

        clock.Now += TimeSpan.FromHours(25);
        Assert.True(await once.RaiseAsync("held/keycloak/27", TimeSpan.FromHours(24), AlertSeverity.Info, "warm/keycloak", "Major bump held", "a day later", null, CancellationToken.None));
        Assert.Equal(2, (await _store.SeenAsync(CancellationToken.None)).Count);
        Assert.Equal("a day later", Assert.Single(await _store.PendingAsync(CancellationToken.None)).Alert.Message);
    }

    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
