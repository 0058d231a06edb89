namespace Recipes.Swarm.Compose;

/// <summary>
/// Merges an overlay file onto the files before it, by the compose spec's merge rules for the keys recipeci supports:
/// mappings merge key by key and the overlay's scalars win; <c>environment</c>, <c>labels</c> and
/// <c>deploy.labels</c> merge by variable/label name whether written as a list or a mapping; service
/// <c>networks</c> merge by network name; <c>volumes</c> merge by mount target, <c>configs</c>/<c>secrets</c> by
/// target; <c>ports</c> append without duplicates; <c>command</c>, <c>entrypoint</c> and <c>healthcheck.test</c>
/// are replaced; any other sequence appends.
/// </summary>
public static class ComposeMerger
{
    public static MappingNode Merge(MappingNode baseFile, MappingNode overlay) =>
        (MappingNode)MergeNodes(Normalize(baseFile), Normalize(overlay), []);

    /// <summary>Brings list-or-mapping keys to mapping form, so a list in one file and a mapping in the next merge by name.</summary>
    public static MappingNode Normalize(MappingNode root)
    {
        if (root["services"] is not MappingNode services) return root;
        var normalized = services with
        {
            Entries = services.Entries.Select(s => new KeyValuePair<string, ComposeNode>(s.Key, s.Value is MappingNode service ? NormalizeService(service) : s.Value)).ToList(),
        };
        return Replace(root, "services", normalized);
    }

    private static MappingNode NormalizeService(MappingNode service)
    {
        foreach (var key in new[] { "environment", "labels" })
        {
            if (service[key] is SequenceNode list) service = Replace(service, key, KeyValueListToMapping(list));
        }
        if (service["networks"] is SequenceNode networks && networks.Items.All(i => i is ScalarNode { Value: not null }))
        {
            service = Replace(service, "networks", new MappingNode(networks.File, networks.Line,
                networks.Items.Cast<ScalarNode>().Select(i => new KeyValuePair<string, ComposeNode>(i.Value!, new ScalarNode(i.File, i.Line, null))).ToList()));
        }
        if (service["deploy"] is MappingNode deploy && deploy["labels"] is SequenceNode labels)
            service = Replace(service, "deploy", Replace(deploy, "labels", KeyValueListToMapping(labels)));
        return service;
    }

    private static ComposeNode KeyValueListToMapping(SequenceNode list)
    {
        if (!list.Items.All(i => i is ScalarNode { Value: not null })) return list;
        var entries = new List<KeyValuePair<string, ComposeNode>>();
        foreach (var item in list.Items.Cast<ScalarNode>())
        {
            var equals = item.Value!.IndexOf('=');
            var key = equals < 0 ? item.Value : item.Value[..equals];
            ComposeNode value = new ScalarNode(item.File, item.Line, equals < 0 ? null : item.Value[(equals + 1)..]);
            entries.RemoveAll(e => e.Key == key);
            entries.Add(new(key, value));
        }
        return new MappingNode(list.File, list.Line, entries);
    }

    private static ComposeNode MergeNodes(ComposeNode baseNode, ComposeNode overlay, IReadOnlyList<string> path)
    {
        if (baseNode is MappingNode baseMap && overlay is MappingNode overlayMap)
        {
            var entries = baseMap.Entries.ToList();
            foreach (var (key, value) in overlayMap.Entries)
            {
                var index = entries.FindIndex(e => e.Key == key);
                if (index < 0) entries.Add(new(key, value));
                else entries[index] = new(key, MergeNodes(entries[index].Value, value, [.. path, key]));
            }
            return baseMap with { Entries = entries };
        }
        if (baseNode is SequenceNode baseList && overlay is SequenceNode overlayList)
        {
            return ServiceKey(path) switch
            {
                "command" or "entrypoint" or "healthcheck.test" => overlay,
                "volumes" => MergeBy(baseList, overlayList, VolumeTarget),
                "configs" or "secrets" => MergeBy(baseList, overlayList, GrantTarget),
                "ports" => baseList with { Items = [.. baseList.Items, .. overlayList.Items.Where(o => !baseList.Items.Any(b => SameTree(b, o)))] },
                _ => baseList with { Items = [.. baseList.Items, .. overlayList.Items] },
            };
        }
        return overlay;
    }

    /// <summary>The key path inside a service (<c>volumes</c>, <c>healthcheck.test</c>), or null outside services.</summary>
    private static string? ServiceKey(IReadOnlyList<string> path) =>
        path.Count >= 3 && path[0] == "services" ? string.Join('.', path.Skip(2)) : null;

    private static SequenceNode MergeBy(SequenceNode baseList, SequenceNode overlay, Func<ComposeNode, string?> keyOf)
    {
        var items = baseList.Items.ToList();
        foreach (var item in overlay.Items)
        {
            var key = keyOf(item);
            var index = key is null ? -1 : items.FindIndex(i => keyOf(i) == key);
            if (index < 0) items.Add(item); else items[index] = item;
        }
        return baseList with { Items = items };
    }

    private static string? VolumeTarget(ComposeNode node) => node switch
    {
        ScalarNode { Value: { } text } => text.Split(':') is { Length: > 1 } parts ? parts[1] : text,
        MappingNode map => (map["target"] as ScalarNode)?.Value,
        _ => null,
    };

    private static string? GrantTarget(ComposeNode node) => node switch
    {
        ScalarNode { Value: { } source } => source,
        MappingNode map => (map["target"] as ScalarNode)?.Value ?? (map["source"] as ScalarNode)?.Value,
        _ => null,
    };

    private static bool SameTree(ComposeNode a, ComposeNode b) => (a, b) switch
    {
        (ScalarNode x, ScalarNode y) => x.Value == y.Value,
        (MappingNode x, MappingNode y) => x.Entries.Count == y.Entries.Count && x.Entries.All(e => y[e.Key] is { } other && SameTree(e.Value, other)),
        (SequenceNode x, SequenceNode y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => SameTree(p.First, p.Second)),
        _ => false,
    };

    private static MappingNode Replace(MappingNode map, string key, ComposeNode value) =>
        map with { Entries = map.Entries.Select(e => e.Key == key ? new KeyValuePair<string, ComposeNode>(key, value) : e).ToList() };
}
