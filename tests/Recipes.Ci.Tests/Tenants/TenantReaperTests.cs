using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Alerts;
using Recipes.Ci.Configuration;
using Recipes.Ci.Tenants;
using TestKit;
using TestKit.Keycloak;

namespace Recipes.Ci.Tests.Tenants;

[Trait("Category", "Services")]
public sealed class TenantReaperTests : IAsyncLifetime
{
    private readonly TempFolder _alerts = new("reaper-alerts");
    private KeycloakFake _fake = null!;
    private KeycloakProviderFactory _factory = null!;
    private AlertStore _store = null!;

    public async Task InitializeAsync()
    {
        _fake = await KeycloakFake.StartAsync();
        _factory = new KeycloakProviderFactory(_fake);
        _store = new AlertStore(_alerts.Path, NullLogger<AlertStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _fake.DisposeAsync();
        _alerts.Dispose();
    }

    private void Seed(string run, TimeSpan age, bool withRecord = true) => _fake.SeedRealm(new JsonObject
    {
        ["realm"] = "ci-" + run,
        ["enabled"] = true,
        ["attributes"] = withRecord
            ? new JsonObject { ["recipeci.createdAt"] = (DateTimeOffset.UtcNow - age).ToString("O", CultureInfo.InvariantCulture), ["recipeci.runId"] = run }
            : new JsonObject(),
    });

    private TenantReaper Reaper(FakeRunLiveness liveness, int maxLive = 100) =>
        new(_factory.Provider, liveness, new AlertOnce(_store, TimeProvider.System), new TenantsOptions(maxLive, TimeSpan.FromMinutes(10)),
            TimeProvider.System, NullLogger<TenantReaper>.Instance);

    [Fact]
    public async Task Deletes_old_tenants_of_dead_runs_and_keeps_live_young_and_unrecorded_ones()
    {
        Seed("dead-old", TimeSpan.FromHours(2));
        Seed("dead-young", TimeSpan.FromMinutes(1));
        Seed("alive-old", TimeSpan.FromHours(2));
        Seed("dead-unknown", TimeSpan.FromHours(2), withRecord: false);
        _fake.SeedRealm(new JsonObject { ["realm"] = "customers" });

        var report = await Reaper(new FakeRunLiveness("dead-old", "dead-young", "dead-unknown")).ReapAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(["ci-dead-old"], report.Deleted);
        Assert.Equal(["ci-alive-old", "ci-dead-unknown", "ci-dead-young"], report.Kept.Order());
        Assert.Equal(["ci-alive-old", "ci-dead-unknown", "ci-dead-young", "customers", "master"], _fake.RealmNames);
        Assert.Equal(3, report.Live);
        Assert.False(report.OverLimit);
    }

    [Fact]
    public async Task A_dry_run_deletes_nothing_and_raises_no_alert()
    {
        Seed("dead1", TimeSpan.FromHours(1));
        Seed("dead2", TimeSpan.FromHours(1));
        Seed("live1", TimeSpan.FromHours(1));

        var report = await Reaper(new FakeRunLiveness("dead1", "dead2"), maxLive: 0).ReapAsync(dryRun: true, CancellationToken.None);

        Assert.True(report.DryRun);
        Assert.Equal(["ci-dead1", "ci-dead2"], report.Deleted.Order());
        Assert.Equal(["ci-dead1", "ci-dead2", "ci-live1", "master"], _fake.RealmNames);
        Assert.True(report.OverLimit);
        Assert.False(report.Alerted);
        Assert.Empty(await _store.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Past_the_live_limit_an_alert_is_raised_once()
    {
        foreach (var run in new[] { "l1", "l2", "l3" }) Seed(run, TimeSpan.FromHours(1));
        var reaper = Reaper(new FakeRunLiveness(), maxLive: 2);

        var first = await reaper.ReapAsync(dryRun: false, CancellationToken.None);
        var second = await reaper.ReapAsync(dryRun: false, CancellationToken.None);

        Assert.True(first.OverLimit);
        Assert.True(first.Alerted);
        Assert.True(second.OverLimit);
        Assert.False(second.Alerted);
        var alert = Assert.Single(await _store.PendingAsync(CancellationToken.None)).Alert;
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal("tenants/keycloak", alert.Source);
        Assert.Equal("3", alert.Fields["live"]);
        Assert.Equal("2", alert.Fields["limit"]);
    }

    [Fact]
    public async Task The_realm_of_a_run_killed_mid_way_is_reaped_once_the_run_is_gone()
    {
        var run = Recipes.Ci.Catalog.RunId.Parse("killed");
        var provider = new KeycloakProviderFactory(_fake, time: new ShiftedTime(TimeSpan.FromHours(-1)));
        await provider.Provider.CreateAsync(run, TenantRequest.Empty, CancellationToken.None);
        provider.Dispose();

        var whileRunning = await Reaper(new FakeRunLiveness()).ReapAsync(dryRun: false, CancellationToken.None);
        var afterDeath = await Reaper(new FakeRunLiveness("killed")).ReapAsync(dryRun: false, CancellationToken.None);

        Assert.Empty(whileRunning.Deleted);
        Assert.Equal(["ci-killed"], afterDeath.Deleted);
        Assert.Equal(["master"], _fake.RealmNames);
    }

    /// <summary>A clock set back, so a tenant created now looks as if it was created earlier.</summary>
    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
