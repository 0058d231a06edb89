using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Volumes;

/// <summary>The volumes of an app (labelled with its stack namespace), and their removal and recreation.</summary>
public sealed class AppVolumes(IDockerClient docker)
{
    public async Task<IReadOnlyList<VolumeInfo>> ListAsync(AppName app, CancellationToken cancellationToken)
    {
        var response = await docker.Volumes.ListAsync(new VolumesListParameters { Filters = AppPresence.StackFilter(app) }, cancellationToken);
        return (response.Volumes ?? []).Select(v => ToInfo(app, v)).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<VolumeInfo?> FindAsync(AppName app, string name, CancellationToken cancellationToken)
    {
        try
        {
            return ToInfo(app, await docker.Volumes.InspectAsync(name, cancellationToken));
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes the volume (if there) and creates it empty with the given driver, options and labels: the
    /// cheapest way to make sure nothing the snapshot lacks survives a restore.
    /// </summary>
    public async Task RecreateAsync(VolumeInfo volume, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Volumes.RemoveAsync(volume.Name, false, cancellationToken);
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Volume {volume.Name} is in use by a container; undeploy the app before restoring.", ex);
        }
        await docker.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = volume.Name,
            Driver = volume.Driver,
            DriverOpts = new Dictionary<string, string>(volume.Options),
            Labels = new Dictionary<string, string>(volume.Labels),
        }, cancellationToken);
    }

    /// <summary>The short name: <c>data</c> for <c>&lt;app&gt;_data</c>; the full name for a volume outside that scheme.</summary>
    public static string ShortName(AppName app, string volume) =>
        volume.StartsWith(app.Value + "_", StringComparison.Ordinal) ? volume[(app.Value.Length + 1)..] : volume;

    private static VolumeInfo ToInfo(AppName app, VolumeResponse v) => new(
        v.Name,
        ShortName(app, v.Name),
        string.IsNullOrEmpty(v.Driver) ? "local" : v.Driver,
        new Dictionary<string, string>(v.Options ?? new Dictionary<string, string>()),
        new Dictionary<string, string>(v.Labels ?? new Dictionary<string, string>()),
        DateTimeOffset.TryParse(v.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        string.IsNullOrEmpty(v.Mountpoint) ? null : v.Mountpoint);
}
