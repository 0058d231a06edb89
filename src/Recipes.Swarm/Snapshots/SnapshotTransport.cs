namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Configuration <c>Snapshots:Transport</c>: how volume bytes travel. <see cref="Archive"/> is the Docker archive
/// API of a never-started helper container (works on a remote engine and without root). <see cref="Direct"/> runs
/// the host's GNU tar on the volume's folder (local engine, <c>local</c> driver, root): several times cheaper,
/// because the engine builds no tar and nothing crosses HTTP. <see cref="Auto"/> takes Direct where it is
/// possible, volume by volume, else Archive.
/// </summary>
public enum SnapshotTransport
{
    Auto,
    Archive,
    Direct,
}
