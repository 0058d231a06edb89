namespace Recipes.Swarm.Stacks;

/// <summary>The filter dictionaries the Docker Engine API list calls take.</summary>
public static class DockerFilters
{
    public static Dictionary<string, IDictionary<string, bool>> Label(string key, string value) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{key}={value}"] = true } };

    public static Dictionary<string, IDictionary<string, bool>> Stack(string stack) => Label(Docker.Labels.StackNamespace, stack);

    public static Dictionary<string, IDictionary<string, bool>> Of(string key, string value) =>
        new() { [key] = new Dictionary<string, bool> { [value] = true } };
}
