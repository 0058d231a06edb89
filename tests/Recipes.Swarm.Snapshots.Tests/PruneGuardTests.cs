using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Housekeeping;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Snapshots.Tests;

/// <summary>
/// Prunes with a scope (this test's unique prefix), so concurrently running tests' objects are out of reach;
/// inside the scope the real rules decide.
/// </summary>
[Trait("Category", "Services")]
public sealed class PruneGuardTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Forced_prune_removes_dead_run_volumes_and_old_snapshots_and_never_warm_canonical_unlabelled_or_referenced()
    {
        await using var h = new SnapshotHarness(docker);
        var scope = UniqueName.For("prune");
        var dead = AppName.Parse(h.Resources.Stack(scope + "-dead"));
        var live = AppName.Parse(h.Resources.Stack(scope + "-live"));
        var canon = AppName.Parse(h.Resources.Stack(scope + "-canon"));
        var warm = AppName.Parse(h.Resources.Stack(scope + "-warm"));

        var deadData = await h.CreateVolumeAsync(dead, "data");
        var deadDb = await h.CreateVolumeAsync(dead, "db");
        var liveData = await h.CreateVolumeAsync(live, "data");
        var canonData = await h.CreateVolumeAsync(canon, "data", "canonical");
        var warmData = await h.CreateVolumeAsync(warm, "data", "warm");
        var plain = h.Resources.Volume(scope + "-plain");
        await docker.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = plain });
        await h.Shell.RunAsync(deadData, "echo d > /volume/d");
        await h.Shell.RunAsync(canonData, "echo c > /volume/c");

        var deadSnapshots = new List<SnapshotManifest>();
        for (var i = 0; i < 5; i++) deadSnapshots.Add(await h.Snapshots.TakeAsync(dead, docker.Image, null, CancellationToken.None));
        var canonSnapshot = await h.Snapshots.TakeAsync(canon, docker.Image, null, CancellationToken.None);

        await StartContainerAsync(h, scope + "-live-app", live, running: true);
        var stopped = await StartContainerAsync(h, scope + "-stopped", null, running: false, own: true);
        // Not made by recipeci (no recipeci label): a prune leaves it, unless widened host-wide.
        var foreign = await StartContainerAsync(h, scope + "-foreign", null, running: false);

        var referenced = new HashSet<SnapshotId> { SnapshotId.Parse(deadSnapshots[0].Id), SnapshotId.Parse(canonSnapshot.Id) };
        var housekeeper = CreateHousekeeper(h);
        var options = new PruneOptions(DryRun: true, referenced, KeepSnapshotsPerApp: 2, MinimumVolumeAge: TimeSpan.Zero, Scope: scope);

        var dry = await housekeeper.RunAsync(0, options, CancellationToken.None);
        Assert.NotNull(dry.Prune);
        Assert.Equal([deadData, deadDb], dry.Prune.Volumes.Order(StringComparer.Ordinal));
        Assert.NotNull(await h.Volumes.FindAsync(dead, deadData, CancellationToken.None));
        Assert.Equal(6, (await h.Store.ListAsync(null, CancellationToken.None)).Count);

        var result = await housekeeper.RunAsync(0, options with { DryRun = false }, CancellationToken.None);

        var report = result.Prune!;
        Assert.Equal([deadData, deadDb], report.Volumes.Order(StringComparer.Ordinal));
        Assert.Null(await h.Volumes.FindAsync(dead, deadData, CancellationToken.None));
        Assert.Null(await h.Volumes.FindAsync(dead, deadDb, CancellationToken.None));
        Assert.NotNull(await h.Volumes.FindAsync(live, liveData, CancellationToken.None));
        Assert.NotNull(await h.Volumes.FindAsync(canon, canonData, CancellationToken.None));
        Assert.NotNull(await h.Volumes.FindAsync(warm, warmData, CancellationToken.None));
        Assert.NotNull(await h.Volumes.FindAsync(canon, plain, CancellationToken.None));
        Assert.Contains(report.Kept, k => k.Name == liveData && k.Reason.Contains("live", StringComparison.Ordinal));
        Assert.Contains(scope + "-stopped", report.Containers);
        await Assert.ThrowsAsync<global::Docker.DotNet.DockerContainerNotFoundException>(() => docker.Client.Containers.InspectContainerAsync(stopped));
        Assert.DoesNotContain(scope + "-foreign", report.Containers);
        Assert.NotNull(await docker.Client.Containers.InspectContainerAsync(foreign));

        var left = (await h.Store.ListAsync(null, CancellationToken.None)).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { deadSnapshots[0].Id, deadSnapshots[3].Id, deadSnapshots[4].Id, canonSnapshot.Id }.Order(StringComparer.Ordinal), left);
        Assert.Equal(2, report.Snapshots.Count);
        Assert.True(result.Disk.Snapshots.Available);
    }

    [Fact]
    public async Task Prune_never_removes_the_shared_external_networks()
    {
        await using var h = new SnapshotHarness(docker);
        var scope = UniqueName.For("prune");
        var shared = scope + "-proxy";
        await new ExternalNetworks(docker.Client, new SwarmOptions([shared]), NullLogger<ExternalNetworks>.Instance).EnsureAllAsync(CancellationToken.None);
        try
        {
            var options = new PruneOptions(DryRun: false, new HashSet<SnapshotId>(), KeepSnapshotsPerApp: 2, MinimumVolumeAge: TimeSpan.Zero, Scope: scope);
            await CreateHousekeeper(h).RunAsync(0, options, CancellationToken.None);
            Assert.Contains(await docker.Client.Networks.ListNetworksAsync(), n => n.Name == shared);
        }
        finally
        {
            await docker.Client.Networks.DeleteNetworkAsync(shared);
        }
    }

    [Fact]
    public void Below_the_threshold_nothing_is_pruned()
    {
        var disk = new DiskReport(new DiskUsage("docker", "/", true, 10, 100, 10), new DiskUsage("snapshots", "/", true, 10, 100, 10));
        Assert.False(disk.Exceeds(80));
        Assert.True(disk.Exceeds(10));
        Assert.False(new DiskReport(new DiskUsage("docker", "/x", false, 0, 0, 0), disk.Snapshots).Exceeds(50));
    }

    [Fact]
    public void Guard_protects_everything_but_run_volumes_of_ordinary_apps()
    {
        Assert.NotNull(VolumeGuard.ProtectionReason(null, out _));
        Assert.NotNull(VolumeGuard.ProtectionReason(new Dictionary<string, string> { ["recipeci.role"] = "canonical", ["recipeci.app"] = "a" }, out _));
        Assert.NotNull(VolumeGuard.ProtectionReason(new Dictionary<string, string> { ["recipeci.role"] = "warm", ["recipeci.app"] = "a" }, out _));
        Assert.NotNull(VolumeGuard.ProtectionReason(new Dictionary<string, string> { ["recipeci.role"] = "run", ["recipeci.app"] = "warm-keycloak" }, out _));
        Assert.NotNull(VolumeGuard.ProtectionReason(new Dictionary<string, string> { ["recipeci.role"] = "run", ["recipeci.app"] = "../x" }, out _));
        Assert.Null(VolumeGuard.ProtectionReason(new Dictionary<string, string> { ["recipeci.role"] = "run", ["recipeci.app"] = "ci-hello-1234abcd" }, out var app));
        Assert.Equal("ci-hello-1234abcd", app!.Value);
    }

    private static Housekeeper CreateHousekeeper(SnapshotHarness h)
    {
        var pruner = new DockerPruner(h.Docker.Client, new DockerBuildCache(new DockerOptions(TestEnvironment.DockerEndpoint)), h.Presence, h.Store, TimeProvider.System, NullLogger<DockerPruner>.Instance);
        var monitor = new DiskMonitor(h.Docker.Client, new SnapshotOptions(h.Root));
        return new Housekeeper(monitor, pruner, NullLogger<Housekeeper>.Instance);
    }

    private async Task<string> StartContainerAsync(SnapshotHarness h, string name, AppName? stack, bool running, bool own = false)
    {
        var labels = stack is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [Labels.StackNamespace] = stack.Value };
        if (own)
            labels[Labels.App] = name;
        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = docker.Image,
            Cmd = ["sleep", "600"],
            Labels = labels,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Mounts = stack is null ? [] : [new Mount { Type = "volume", Source = $"{stack.Value}_data", Target = "/data" }],
            },
        });
        h.Resources.Container(created.ID);
        if (running) await docker.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }
}
