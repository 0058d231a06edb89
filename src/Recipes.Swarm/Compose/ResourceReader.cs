namespace Recipes.Swarm.Compose;

/// <summary>Reads the top-level <c>volumes:</c>, <c>networks:</c>, <c>configs:</c> and <c>secrets:</c> sections.</summary>
public sealed class ResourceReader(ComposeReadContext context)
{
    private static readonly HashSet<string> VolumeKeys = ["name", "external", "driver", "driver_opts", "labels"];
    private static readonly HashSet<string> NetworkKeys = ["name", "external", "driver", "attachable", "internal", "driver_opts", "labels"];
    private static readonly HashSet<string> FileObjectKeys = ["name", "external", "file", "labels", "template_driver"];

    public VolumeDefinition? ReadVolume(string key, ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var volume = new VolumeDefinition(key, null, false, null, new Dictionary<string, string>(), new Dictionary<string, string>());
        context.ForEachKey(map, path, VolumeKeys, (k, value, keyPath) =>
        {
            volume = k switch
            {
                "name" => volume with { Name = context.String(value, keyPath) },
                "external" => volume with { External = context.Bool(value, keyPath) == true },
                "driver" => volume with { Driver = context.String(value, keyPath) },
                "driver_opts" => volume with { DriverOptions = context.StringMap(value, keyPath) },
                _ => volume with { Labels = context.StringMap(value, keyPath) },
            };
        });
        return volume;
    }

    public NetworkDefinition? ReadNetwork(string key, ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var network = new NetworkDefinition(key, null, false, null, false, false, new Dictionary<string, string>(), new Dictionary<string, string>());
        context.ForEachKey(map, path, NetworkKeys, (k, value, keyPath) =>
        {
            network = k switch
            {
                "name" => network with { Name = context.String(value, keyPath) },
                "external" => network with { External = context.Bool(value, keyPath) == true },
                "driver" => network with { Driver = context.String(value, keyPath) },
                "attachable" => network with { Attachable = context.Bool(value, keyPath) == true },
                "internal" => network with { Internal = context.Bool(value, keyPath) == true },
                "driver_opts" => network with { DriverOptions = context.StringMap(value, keyPath) },
                _ => network with { Labels = context.StringMap(value, keyPath) },
            };
        });
        return network;
    }

    public FileObjectDefinition? ReadFileObject(string key, ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var item = new FileObjectDefinition(key, null, false, null, new Dictionary<string, string>());
        context.ForEachKey(map, path, FileObjectKeys, (k, value, keyPath) =>
        {
            item = k switch
            {
                "name" => item with { Name = context.String(value, keyPath) },
                "external" => item with { External = context.Bool(value, keyPath) == true },
                "file" => item with { File = context.String(value, keyPath) },
                "template_driver" => item with { TemplateDriver = context.OneOf(value, keyPath, "golang") },
                _ => item with { Labels = context.StringMap(value, keyPath) },
            };
        });
        if (item.External == (item.File is not null))
            context.Error(map, path, "must have either 'file' or 'external: true'");
        return item;
    }
}
