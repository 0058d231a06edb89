using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using TestKit;

namespace Recipes.Swarm.Snapshots.Tests;

[Trait("Category", "Services")]
public sealed class BackupbotTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Theory]
    [InlineData(SnapshotTransport.Archive)]
    [InlineData(SnapshotTransport.Direct)]
    public async Task Pre_hook_runs_in_the_deployed_container_snapshot_is_refused_while_deployed_and_honours_volume_labels(SnapshotTransport transport)
    {
        await using var h = new SnapshotHarness(docker, transport: transport);
        var app = h.NewApp("bbot");
        var data = await h.CreateVolumeAsync(app, "data");
        var cache = await h.CreateVolumeAsync(app, "cache");
        var files = await h.CreateVolumeAsync(app, "files");
        await h.Shell.RunAsync(data, "echo keep > /volume/kept");
        await h.Shell.RunAsync(files, "mkdir -p /volume/public/img /volume/tmp && echo p > /volume/public/img/a && echo t > /volume/tmp/junk && echo r > /volume/root.txt");
        await CreateServiceAsync(app, new Dictionary<string, string>
        {
            ["backupbot.backup"] = "true",
            ["backupbot.backup.pre-hook"] = "date > /data/pre-hook-marker",
            ["backupbot.backup.post-hook"] = "exit 3",
            ["backupbot.backup.volumes.cache"] = "false",
            ["backupbot.backup.volumes.files.path"] = "/public/img,/root.txt",
        }, ("data", "/data"), ("cache", "/cache"), ("files", "/files"));
        await WaitForRunningContainerAsync(app);

        var policy = await h.Policies.ReadAsync(app, CancellationToken.None);
        var pre = await h.Hooks.RunBackupHooksAsync(app, HookPhase.Pre, CancellationToken.None);
        Assert.NotNull(pre);
        Assert.Equal(0, pre.ExitCode);
        var failing = await Assert.ThrowsAsync<BackupPolicyException>(() => h.Hooks.RunBackupHooksAsync(app, HookPhase.Post, CancellationToken.None));
        Assert.Contains("exited 3", failing.Message, StringComparison.Ordinal);
        Assert.Null(await h.Hooks.RunRestoreHooksAsync(app, HookPhase.Pre, CancellationToken.None));

        var refused = await Assert.ThrowsAsync<SnapshotException>(() => h.Snapshots.TakeAsync(app, docker.Image, policy, CancellationToken.None));
        Assert.Contains("while it is deployed", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(h.Root, app.Value)));

        await docker.Client.Swarm.RemoveServiceAsync($"{app.Value}_app");
        await WaitUntilUndeployedAsync(h, app);

        var manifest = await h.Snapshots.TakeAsync(app, docker.Image, policy, CancellationToken.None);
        Assert.Equal(["data", "files"], manifest.Volumes.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.All(manifest.Volumes, v => Assert.Equal(transport.ToString(), v.Transport));
        var snapshotData = await h.ReadSnapshotAsync(manifest, "data");
        Assert.Contains("recipeci-volume/pre-hook-marker", snapshotData.Keys);
        Assert.Contains("recipeci-volume/kept", snapshotData.Keys);
        var snapshotFiles = await h.ReadSnapshotAsync(manifest, "files");
        Assert.Equal(
            ["recipeci-volume", "recipeci-volume/public/img", "recipeci-volume/public/img/a", "recipeci-volume/root.txt"],
            snapshotFiles.Keys.ToList());
        Assert.Equal(["public/img", "root.txt"], manifest.Volumes.Single(v => v.Name == "files").Paths);
        Assert.True((await h.Snapshots.VerifyAsync(app, SnapshotId.Parse(manifest.Id), CancellationToken.None)).IsValid);

        // Exact restore of a path-limited volume: what the selection left out is not there afterwards.
        await h.Snapshots.RestoreAsync(app, SnapshotId.Parse(manifest.Id), docker.Image, CancellationToken.None);
        var restored = await h.ReadVolumeAsync(files);
        Assert.Empty(VolumeTree.Differences(snapshotFiles, restored.Where(e => e.Key != "recipeci-volume/public").ToDictionary()));
        Assert.DoesNotContain("recipeci-volume/tmp", restored.Keys);
    }

    [Fact]
    public async Task Two_services_opted_in_to_backups_are_an_error()
    {
        await using var h = new SnapshotHarness(docker);
        var app = h.NewApp("bbot-dup");
        await CreateServiceAsync(app, new Dictionary<string, string> { ["backupbot.backup"] = "true" }, name: "app");
        await CreateServiceAsync(app, new Dictionary<string, string> { ["backupbot.backup"] = "true" }, name: "db");

        var error = await Assert.ThrowsAsync<BackupPolicyException>(() => h.Policies.ReadAsync(app, CancellationToken.None));
        Assert.Contains($"{app.Value}_app, {app.Value}_db", error.Message, StringComparison.Ordinal);
    }

    private async Task CreateServiceAsync(AppName app, Dictionary<string, string> labels, params (string Volume, string Target)[] mounts) =>
        await CreateServiceAsync(app, labels, "app", mounts);

    private async Task CreateServiceAsync(AppName app, Dictionary<string, string> labels, string name, params (string Volume, string Target)[] mounts)
    {
        labels[Labels.StackNamespace] = app.Value;
        await docker.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters
        {
            Service = new ServiceSpec
            {
                Name = $"{app.Value}_{name}",
                Labels = labels,
                TaskTemplate = new TaskSpec
                {
                    ContainerSpec = new ContainerSpec
                    {
                        Image = docker.Image,
                        Args = ["sleep", "600"],
                        Labels = new Dictionary<string, string> { [Labels.StackNamespace] = app.Value },
                        Mounts = mounts.Select(m => new Mount { Type = "volume", Source = $"{app.Value}_{m.Volume}", Target = m.Target }).ToList(),
                    },
                    RestartPolicy = new SwarmRestartPolicy { Condition = "none" },
                },
                Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 1 } },
            },
        });
    }

    private Task WaitForRunningContainerAsync(AppName app) =>
        Eventually.UntilAsync(() => docker.Client.Containers.ListContainersAsync(new ContainersListParameters { Filters = AppPresence.StackFilter(app) }),
            containers => containers.Any(c => c.State == "running"), TimeSpan.FromSeconds(60),
            containers => $"No running container of {app}; states: [{string.Join(", ", containers.Select(c => c.State))}].", TimeSpan.FromMilliseconds(500));

    // Gone, not only stopped: Swarm's agent removes a removed service's containers a few seconds later, and the archive
    // transport cannot recreate a volume a stopped container still holds.
    private static Task WaitUntilUndeployedAsync(SnapshotHarness h, AppName app) =>
        Eventually.UntilAsync(async () => !(await h.Presence.GetAsync(app, CancellationToken.None)).IsLive, TimeSpan.FromSeconds(60),
            () => $"{app} still deployed.", TimeSpan.FromMilliseconds(500));
}
