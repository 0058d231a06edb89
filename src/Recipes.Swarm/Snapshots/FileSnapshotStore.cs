using System.Text.Json;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// <see cref="ISnapshotStore"/> on a local folder. Drafts live in <c>Root/.incomplete/&lt;app&gt;.&lt;id&gt;</c>
/// (same file system, so the final rename is atomic); committed files are made read-only.
/// </summary>
public sealed class FileSnapshotStore(SnapshotOptions options, ILogger<FileSnapshotStore> logger, TimeProvider? time = null) : ISnapshotStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const string IncompleteFolder = ".incomplete";
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnlyFolder = ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode WritableFolder = ReadOnlyFolder | UnixFileMode.UserWrite;

    public string Root { get; } = Path.GetFullPath(options.Root);

    private ILogger Logger => logger;

    public ISnapshotDraft Begin(AppName app, SnapshotId id)
    {
        var final = FolderOf(app, id);
        if (Directory.Exists(final)) throw new SnapshotException($"Snapshot {app}/{id} exists already; snapshots are immutable.");
        var temp = Path.Combine(Root, IncompleteFolder, $"{app.Value}.{id.Value}");
        Directory.CreateDirectory(temp);
        return new Draft(this, temp, final);
    }

    public async Task<IReadOnlyList<SnapshotManifest>> ListAsync(AppName? app, CancellationToken cancellationToken)
    {
        var result = new List<SnapshotManifest>();
        if (!Directory.Exists(Root)) return result;
        var appFolders = app is null
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Where(n => AppName.TryParse(n, out _))
            : [app.Value];
        foreach (var appFolder in appFolders)
        {
            var appName = AppName.Parse(appFolder!);
            var folder = Path.Combine(Root, appName.Value);
            if (!Directory.Exists(folder)) continue;
            foreach (var idFolder in Directory.EnumerateDirectories(folder).Select(Path.GetFileName))
            {
                if (!SnapshotId.TryParse(idFolder, out var id)) continue;
                var manifest = await FindAsync(appName, id, cancellationToken);
                if (manifest is not null) result.Add(manifest);
            }
        }
        return result.OrderBy(m => m.App, StringComparer.Ordinal).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<SnapshotManifest?> FindAsync(AppName app, SnapshotId id, CancellationToken cancellationToken)
    {
        var path = Path.Combine(FolderOf(app, id), SnapshotManifest.FileName);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<SnapshotManifest>(stream, SnapshotJson.Options, cancellationToken);
            if (manifest is null || manifest.App != app.Value || manifest.Id != id.Value)
                throw new SnapshotException($"The manifest of {app}/{id} names another snapshot ({manifest?.App}/{manifest?.Id}).");
            return manifest;
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Snapshot {App}/{Id} has an unreadable manifest", app.Value, id.Value);
            throw new SnapshotException($"The manifest of {app}/{id} is not valid JSON: {ex.Message}", ex);
        }
    }

    public Stream OpenVolume(AppName app, SnapshotId id, string file) =>
        new FileStream(Path.Combine(FolderOf(app, id), SnapshotFileName.Validate(file)), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);

    public Task DeleteAsync(AppName app, SnapshotId id, CancellationToken cancellationToken)
    {
        var folder = FolderOf(app, id);
        if (!Directory.Exists(folder)) return Task.CompletedTask;
        // Rename first so a half-deleted snapshot is never listed as a snapshot.
        var doomed = Path.Combine(Root, IncompleteFolder, $"{app.Value}.{id.Value}.deleting");
        Directory.CreateDirectory(Path.GetDirectoryName(doomed)!);
        File.SetUnixFileMode(folder, WritableFolder);
        Directory.Move(folder, doomed);
        Directory.Delete(doomed, recursive: true);
        logger.LogInformation("Deleted snapshot {App}/{Id}", app.Value, id.Value);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> SweepAbandoned(TimeSpan age, bool dryRun)
    {
        var folder = Path.Combine(Root, IncompleteFolder);
        if (!Directory.Exists(folder)) return [];
        var cutoff = _time.GetUtcNow().UtcDateTime - age;
        var old = Directory.EnumerateDirectories(folder).Where(d => Directory.GetLastWriteTimeUtc(d) < cutoff).ToList();
        if (!dryRun)
        {
            foreach (var dir in old) Directory.Delete(dir, recursive: true);
        }
        return old.Select(Path.GetFileName).ToList()!;
    }

    private string FolderOf(AppName app, SnapshotId id) => Path.Combine(Root, app.Value, id.Value);

    private sealed class Draft(FileSnapshotStore store, string temp, string final) : ISnapshotDraft
    {
        private readonly List<string> _files = [];
        private bool _committed;

        public Stream CreateVolume(string file)
        {
            var path = Path.Combine(temp, SnapshotFileName.Validate(file));
            _files.Add(path);
            // A 1 MiB buffer: the engine's chunked response arrives in 16 KiB reads, too small for one write each.
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.None);
        }

        public string CreateVolumeFile(string file)
        {
            var path = Path.Combine(temp, SnapshotFileName.Validate(file));
            _files.Add(path);
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
            return path;
        }

        public async Task CommitAsync(SnapshotManifest manifest, CancellationToken cancellationToken)
        {
            var manifestPath = Path.Combine(temp, SnapshotManifest.FileName);
            await using (var stream = new FileStream(manifestPath, FileMode.CreateNew, FileAccess.Write))
            {
                await JsonSerializer.SerializeAsync(stream, manifest, SnapshotJson.Options, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            foreach (var file in _files.Append(manifestPath)) File.SetUnixFileMode(file, ReadOnlyFile);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            // Directory.Move fails when the target exists, so an id is never written twice.
            Directory.Move(temp, final);
            File.SetUnixFileMode(final, ReadOnlyFolder);
            _committed = true;
            store.Logger.LogInformation("Snapshot {App}/{Id} committed with {Volumes} volumes", manifest.App, manifest.Id, manifest.Volumes.Count);
        }

        public ValueTask DisposeAsync()
        {
            if (!_committed && Directory.Exists(temp))
            {
                try { Directory.Delete(temp, recursive: true); }
                catch (IOException ex) { store.Logger.LogWarning(ex, "Could not delete the unfinished snapshot folder {Folder}", temp); }
            }
            return ValueTask.CompletedTask;
        }
    }
}
