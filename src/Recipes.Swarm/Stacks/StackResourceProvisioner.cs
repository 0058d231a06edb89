using System.Net;
using System.Security.Cryptography;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Creates (or finds) a stack's networks, volumes, configs and secrets before its services: stack-scoped names are
/// <c>&lt;stack&gt;_&lt;key&gt;</c> unless <c>name:</c> says otherwise. External networks are the server's shared ones
/// (<see cref="ExternalNetworks"/>, created when missing); other external objects must exist, except external secrets
/// with a supplied value, created here. Existing objects are reused, so this step is idempotent; volumes are never
/// recreated, so data survives upgrades.
/// </summary>
public sealed class StackResourceProvisioner(IDockerClient docker, ExternalNetworks externalNetworks, ILogger<StackResourceProvisioner> logger)
{
    public Task<StackResources> ProvisionAsync(AppName app, AppRole role, ComposeProject project, CancellationToken cancellationToken) =>
        ProvisionAsync(app, role, project, new Dictionary<string, string>(), cancellationToken);

    /// <param name="secretValues">Values for missing external secrets, by compose key (<see cref="StackDeployRequest.SecretValues"/>).</param>
    public async Task<StackResources> ProvisionAsync(
        AppName app, AppRole role, ComposeProject project, IReadOnlyDictionary<string, string> secretValues, CancellationToken cancellationToken)
    {
        var stack = app.Value;
        var volumeLabels = new Dictionary<string, string>
        {
            [Labels.StackNamespace] = stack,
            [Labels.App] = stack,
            [Labels.Role] = role.ToString().ToLowerInvariant(),
        };
        var networks = new Dictionary<string, string>();
        foreach (var network in project.Networks.Values)
            networks[network.Key] = await EnsureNetworkAsync(stack, network, cancellationToken);
        var volumes = new Dictionary<string, string>();
        foreach (var volume in project.Volumes.Values)
            volumes[volume.Key] = await EnsureVolumeAsync(stack, volume, volumeLabels, cancellationToken);
        var configs = new Dictionary<string, DockerObjectRef>();
        foreach (var config in project.Configs.Values)
            configs[config.Key] = await EnsureConfigAsync(stack, project.RecipeDirectory, config, cancellationToken);
        var secrets = new Dictionary<string, DockerObjectRef>();
        foreach (var secret in project.Secrets.Values)
            secrets[secret.Key] = await EnsureSecretAsync(stack, project.RecipeDirectory, secret, secretValues, cancellationToken);
        return new StackResources(volumes, networks, configs, secrets, volumeLabels);
    }

    private async Task<string> EnsureNetworkAsync(string stack, NetworkDefinition network, CancellationToken ct)
    {
        var name = network.Name ?? (network.External ? network.Key : $"{stack}_{network.Key}");
        if (network.External)
        {
            await externalNetworks.EnsureForRecipeAsync(network.Key, name, ct);
            return name;
        }
        var existing = (await docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = DockerFilters.Of("name", name) }, ct))
            .FirstOrDefault(n => n.Name == name);
        if (existing is not null) return name;
        await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = name,
            Driver = network.Driver ?? "overlay",
            // Overlay networks are made attachable so a recipe's test container can join them and reach services by name.
            Attachable = network.Attachable || (network.Driver ?? "overlay") == "overlay",
            Internal = network.Internal,
            Options = new Dictionary<string, string>(network.DriverOptions),
            Labels = new Dictionary<string, string>(network.Labels) { [Labels.StackNamespace] = stack },
        }, ct);
        logger.LogInformation("Created network {Network} for stack {Stack}", name, stack);
        return name;
    }

    private async Task<string> EnsureVolumeAsync(string stack, VolumeDefinition volume, IReadOnlyDictionary<string, string> stackLabels, CancellationToken ct)
    {
        var name = volume.Name ?? (volume.External ? volume.Key : $"{stack}_{volume.Key}");
        try
        {
            await docker.Volumes.InspectAsync(name, ct);
            return name;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            if (volume.External) throw new StackDeployException($"volume '{volume.Key}' is external but no volume named '{name}' exists", ex);
        }
        var labels = new Dictionary<string, string>(volume.Labels);
        foreach (var (key, value) in stackLabels) labels[key] = value;
        await docker.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = name,
            Driver = volume.Driver ?? "local",
            DriverOpts = new Dictionary<string, string>(volume.DriverOptions),
            Labels = labels,
        }, ct);
        logger.LogInformation("Created volume {Volume} for stack {Stack}", name, stack);
        return name;
    }

    private async Task<DockerObjectRef> EnsureConfigAsync(string stack, string recipeDirectory, FileObjectDefinition config, CancellationToken ct)
    {
        var name = config.Name ?? (config.External ? config.Key : $"{stack}_{config.Key}");
        var existing = (await docker.Configs.ListConfigsAsync(ct)).FirstOrDefault(c => c.Spec?.Name == name);
        if (config.External)
            return existing is null ? throw new StackDeployException($"config '{config.Key}' is external but no config named '{name}' exists") : new(existing.ID, name);

        var data = await File.ReadAllBytesAsync(Path.Combine(recipeDirectory, config.File!), ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(data));
        if (existing is not null) return new(existing.ID, CheckUnchanged("config", config.Key, name, existing.Spec?.Labels, hash));
        var created = await docker.Configs.CreateConfigAsync(new SwarmCreateConfigParameters
        {
            Config = new SwarmConfigSpec { Name = name, Data = data, Labels = ObjectLabels(stack, config.Labels, hash), Templating = Templating(config) },
        }, ct);
        return new(created.ID, name);
    }

    private async Task<DockerObjectRef> EnsureSecretAsync(
        string stack, string recipeDirectory, FileObjectDefinition secret, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var name = secret.Name ?? (secret.External ? secret.Key : $"{stack}_{secret.Key}");
        var existing = (await docker.Secrets.ListAsync(ct)).FirstOrDefault(s => s.Spec?.Name == name);
        if (secret.External)
        {
            if (existing is not null) return new(existing.ID, name);
            if (!values.TryGetValue(secret.Key, out var value))
                throw new StackDeployException($"secret '{secret.Key}' is external but no secret named '{name}' exists and no value was supplied for it");
            return await CreateExternalSecretAsync(stack, secret, name, value, ct);
        }

        var data = await File.ReadAllBytesAsync(Path.Combine(recipeDirectory, secret.File!), ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(data));
        if (existing is not null) return new(existing.ID, CheckUnchanged("secret", secret.Key, name, existing.Spec?.Labels, hash));
        var created = await docker.Secrets.CreateAsync(
            new SwarmSecretSpec { Name = name, Data = data, Labels = ObjectLabels(stack, secret.Labels, hash), Templating = Templating(secret) }, ct);
        return new(created.ID, name);
    }

    /// <summary>
    /// Creates a missing external secret from its supplied value, labelled with the stack so its teardown removes it
    /// like the stack's own secrets. The value is never logged. Created meanwhile by another deploy: that one is used.
    /// </summary>
    private async Task<DockerObjectRef> CreateExternalSecretAsync(string stack, FileObjectDefinition secret, string name, string value, CancellationToken ct)
    {
        try
        {
            var made = await docker.Secrets.CreateAsync(new SwarmSecretSpec
            {
                Name = name,
                Data = System.Text.Encoding.UTF8.GetBytes(value),
                Labels = new Dictionary<string, string>(secret.Labels) { [Labels.StackNamespace] = stack, [Labels.Managed] = "true" },
            }, ct);
            logger.LogInformation("Created external secret {Secret} for stack {Stack} from its supplied value", name, stack);
            return new(made.ID, name);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = (await docker.Secrets.ListAsync(ct)).FirstOrDefault(s => s.Spec?.Name == name)
                ?? throw new StackDeployException($"secret '{secret.Key}' ({name}) could not be created: {ex.Message}", ex);
            return new(existing.ID, name);
        }
    }

    /// <summary>
    /// Swarm configs and secrets are immutable. Co-op Cloud recipes bump a version in the name when content changes;
    /// a changed file under the same name is the recipe's bug, reported here instead of Swarm's obscure error.
    /// </summary>
    private static string CheckUnchanged(string kind, string key, string name, IDictionary<string, string>? labels, string hash)
    {
        if (labels is not null && labels.TryGetValue(StackLabels.ContentHash, out var existingHash) && existingHash == hash) return name;
        throw new StackDeployException(
            $"{kind} '{key}' ({name}) already exists with different content; bump its version in the recipe's name: for a changed file");
    }

    /// <summary>Swarm renders a templated config or secret into each task's file; the object keeps the template.</summary>
    private static SwarmDriver? Templating(FileObjectDefinition item) =>
        item.TemplateDriver is { } driver ? new SwarmDriver { Name = driver } : null;

    private static Dictionary<string, string> ObjectLabels(string stack, IReadOnlyDictionary<string, string> labels, string hash) =>
        new(labels) { [Labels.StackNamespace] = stack, [StackLabels.ContentHash] = hash };
}
