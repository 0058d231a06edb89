using Recipes.Ci.Canonicals;
using TestKit;
using Xunit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.Warm;

/// <summary>
/// Must-show 7 through <c>recipeci run workflows/warm-reconcile.json</c> on the real Swarm: each test seeds the
/// dependency at 1.0.0 (pinned), then reconciles with the Latest policy.
/// </summary>
[Trait("Category", "Services")]
public sealed class WarmReconcileTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string V1 = "1.0.0+1.0";

    [Fact]
    public async Task A_broken_latest_tag_is_rolled_back_to_last_good_with_its_data_intact_and_an_alert()
    {
        await using var warm = new WarmWorld(docker);
        var dependency = warm.AddDependency("warm-broken");
        await SeedAsync(warm, dependency);

        var (code, raw) = await warm.ReconcileAsync(dependency, pinned: null);
        output.WriteLine(raw);
        Assert.Equal(0, code);

        var state = await warm.StateAsync(dependency);
        Assert.NotNull(state);
        Assert.Equal(V1, state.LastGood);
        Assert.Equal(V1, state.Current);
        Assert.NotNull(state.SnapshotId);

        // The broken 1.1.0 migrated the data before failing its health gate; the restore undid it byte for byte.
        var app = "warm-" + dependency;
        var snapshot = await warm.World.SnapshotFilesAsync(new Canonical(dependency, "", V1, state.SnapshotId, app, default, ""), "data");
        var volume = await warm.World.VolumeFilesAsync(app + "_data", docker.Image);
        Assert.Contains(snapshot.Keys, k => k.EndsWith("/state", StringComparison.Ordinal));
        Assert.Equal(snapshot, volume);

        // last_good's version serves again.
        using var http = new HttpClient();
        Assert.Equal("ok", (await http.GetStringAsync($"http://127.0.0.1:{warm.World.PortOf(dependency)}/health")).Trim());

        var alert = Assert.Single(warm.Alerts());
        Assert.Equal("warm/" + dependency, WarmWorld.Text(alert, "source"));
        Assert.Contains("rolled back to " + V1, WarmWorld.Text(alert, "title"));
        Assert.Contains(state.SnapshotId, WarmWorld.Text(alert, "message"));
    }

    [Fact]
    public async Task A_healthy_upgrade_advances_last_good()
    {
        await using var warm = new WarmWorld(docker);
        var dependency = warm.AddDependency("warm-healthy");
        await SeedAsync(warm, dependency);

        var (code, raw) = await warm.ReconcileAsync(dependency, pinned: null);
        output.WriteLine(raw);
        Assert.Equal(0, code);

        var state = await warm.StateAsync(dependency);
        Assert.NotNull(state);
        Assert.Equal("1.1.0+1.0", state.LastGood);
        Assert.Equal("1.1.0+1.0", state.Current);
        Assert.NotNull(state.SnapshotId);
        Assert.Null(state.HeldReason);
        Assert.Empty(warm.Alerts());

        // A second reconcile finds it up to date and changes nothing.
        Assert.Equal(0, (await warm.ReconcileAsync(dependency, pinned: null)).ExitCode);
        Assert.Equal(state with { UpdatedAt = default }, (await warm.StateAsync(dependency))! with { UpdatedAt = default });
    }

    [Fact]
    public async Task A_major_bump_is_held_and_alerted_once()
    {
        await using var warm = new WarmWorld(docker);
        var dependency = warm.AddDependency("warm-major");
        await SeedAsync(warm, dependency);

        for (var pass = 0; pass < 2; pass++)
        {
            var (code, raw) = await warm.ReconcileAsync(dependency, pinned: null);
            output.WriteLine(raw);
            Assert.Equal(0, code);
            var state = await warm.StateAsync(dependency);
            Assert.NotNull(state);
            Assert.Equal(V1, state.LastGood);
            Assert.Equal(V1, state.Current);
            Assert.Contains("major bump", state.HeldReason);
        }

        var alert = Assert.Single(warm.Alerts());
        Assert.Contains("is held", WarmWorld.Text(alert, "title"));
        Assert.Equal($"warm-held/{dependency}/2.0.0+1.0", WarmWorld.Text(alert, "dedupeKey"));
    }

    private async Task SeedAsync(WarmWorld warm, string dependency)
    {
        var (code, raw) = await warm.ReconcileAsync(dependency, pinned: V1);
        output.WriteLine(raw);
        Assert.Equal(0, code);
        var state = await warm.StateAsync(dependency);
        Assert.NotNull(state);
        Assert.Equal(V1, state.LastGood);
        Assert.Empty(warm.Alerts());
    }
}
