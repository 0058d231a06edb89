namespace Recipes.Swarm.Compose;

/// <summary>Reads a service's <c>deploy:</c> and <c>healthcheck:</c> sections.</summary>
public sealed class DeployReader(ComposeReadContext context)
{
    private static readonly HashSet<string> DeployKeys =
        ["mode", "replicas", "labels", "restart_policy", "update_config", "rollback_config", "resources", "placement", "endpoint_mode"];
    private static readonly HashSet<string> PlacementKeys = ["constraints", "preferences", "max_replicas_per_node"];
    private static readonly HashSet<string> PreferenceKeys = ["spread"];
    private static readonly HashSet<string> RestartKeys = ["condition", "delay", "max_attempts", "window"];
    private static readonly HashSet<string> UpdateKeys = ["parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"];
    private static readonly HashSet<string> ResourcesKeys = ["limits", "reservations"];
    private static readonly HashSet<string> LimitKeys = ["cpus", "memory", "pids"];
    private static readonly HashSet<string> ReservationKeys = ["cpus", "memory"];
    private static readonly HashSet<string> HealthKeys = ["test", "interval", "timeout", "start_period", "retries", "disable"];

    public DeployDefinition ReadDeploy(ComposeNode node, string path)
    {
        var deploy = DeployDefinition.Default;
        if (context.Mapping(node, path) is not { } map) return deploy;
        context.ForEachKey(map, path, DeployKeys, (key, value, keyPath) =>
        {
            deploy = key switch
            {
                "mode" => deploy with { Mode = context.OneOf(value, keyPath, "replicated", "global") ?? deploy.Mode },
                "replicas" => deploy with { Replicas = (ulong)(context.Integer(value, keyPath, min: 0) ?? 1) },
                "labels" => deploy with { Labels = context.StringMap(value, keyPath) },
                "restart_policy" => deploy with { RestartPolicy = ReadRestartPolicy(value, keyPath) },
                "update_config" => deploy with { UpdateConfig = ReadUpdateConfig(value, keyPath, "continue", "rollback", "pause") },
                "rollback_config" => deploy with { RollbackConfig = ReadUpdateConfig(value, keyPath, "continue", "pause") },
                "placement" => deploy with { Placement = ReadPlacement(value, keyPath) },
                "endpoint_mode" => deploy with { EndpointMode = context.OneOf(value, keyPath, "vip", "dnsrr") },
                _ => deploy with { Resources = ReadResources(value, keyPath) },
            };
        });
        return deploy;
    }

    public HealthcheckDefinition? ReadHealthcheck(ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var health = new HealthcheckDefinition(null, null, null, null, null, false);
        context.ForEachKey(map, path, HealthKeys, (key, value, keyPath) =>
        {
            health = key switch
            {
                "test" => ReadTest(health, value, keyPath),
                "interval" => health with { Interval = context.Duration(value, keyPath) },
                "timeout" => health with { Timeout = context.Duration(value, keyPath) },
                "start_period" => health with { StartPeriod = context.Duration(value, keyPath) },
                "retries" => health with { Retries = (int?)context.Integer(value, keyPath, min: 0) },
                _ => health with { Disabled = health.Disabled || context.Bool(value, keyPath) == true },
            };
        });
        return health;
    }

    private HealthcheckDefinition ReadTest(HealthcheckDefinition health, ComposeNode value, string path)
    {
        // A string test runs in the container's shell, as CMD-SHELL; a list names its form first (CMD, CMD-SHELL, NONE).
        if (value is ScalarNode { Value: { } text }) return health with { Test = ["CMD-SHELL", text] };
        var test = context.StringList(value, path);
        if (test.Count == 0 || test[0] is not ("CMD" or "CMD-SHELL" or "NONE"))
        {
            context.Error(value, path, "must be a string or a list starting with CMD, CMD-SHELL or NONE");
            return health;
        }
        return test[0] == "NONE" ? health with { Disabled = true } : health with { Test = test };
    }

    private PlacementDefinition? ReadPlacement(ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var placement = new PlacementDefinition([], [], null);
        context.ForEachKey(map, path, PlacementKeys, (key, value, keyPath) =>
        {
            placement = key switch
            {
                "constraints" => placement with { Constraints = context.StringList(value, keyPath) },
                "preferences" => placement with { Spread = ReadPreferences(value, keyPath) },
                _ => placement with { MaxReplicasPerNode = (ulong?)context.Integer(value, keyPath, min: 0) },
            };
        });
        return placement;
    }

    /// <summary>A list of <c>spread: descriptor</c> entries, the only preference Swarm has.</summary>
    private List<string> ReadPreferences(ComposeNode node, string path)
    {
        var spread = new List<string>();
        if (node is not SequenceNode list)
        {
            context.Error(node, path, "must be a list of {spread: node.labels.NAME}");
            return spread;
        }
        foreach (var (item, i) in list.Items.Select((item, i) => (item, i)))
        {
            if (context.Mapping(item, $"{path}[{i}]") is not { } map) continue;
            context.ForEachKey(map, $"{path}[{i}]", PreferenceKeys, (_, value, keyPath) =>
            {
                if (context.String(value, keyPath) is { } descriptor) spread.Add(descriptor);
            });
        }
        return spread;
    }

    private RestartPolicyDefinition? ReadRestartPolicy(ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var policy = new RestartPolicyDefinition(null, null, null, null);
        context.ForEachKey(map, path, RestartKeys, (key, value, keyPath) =>
        {
            policy = key switch
            {
                "condition" => policy with { Condition = context.OneOf(value, keyPath, "none", "on-failure", "any") },
                "delay" => policy with { Delay = context.Duration(value, keyPath) },
                "max_attempts" => policy with { MaxAttempts = (ulong?)context.Integer(value, keyPath, min: 0) },
                _ => policy with { Window = context.Duration(value, keyPath) },
            };
        });
        return policy;
    }

    private UpdateConfigDefinition? ReadUpdateConfig(ComposeNode node, string path, params string[] failureActions)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var config = new UpdateConfigDefinition(null, null, null, null, null, null);
        context.ForEachKey(map, path, UpdateKeys, (key, value, keyPath) =>
        {
            config = key switch
            {
                "parallelism" => config with { Parallelism = (ulong?)context.Integer(value, keyPath, min: 0) },
                "delay" => config with { Delay = context.Duration(value, keyPath) },
                "failure_action" => config with { FailureAction = context.OneOf(value, keyPath, failureActions) },
                "monitor" => config with { Monitor = context.Duration(value, keyPath) },
                "max_failure_ratio" => config with { MaxFailureRatio = (float?)context.Number(value, keyPath) },
                _ => config with { Order = context.OneOf(value, keyPath, "stop-first", "start-first") },
            };
        });
        return config;
    }

    private ResourcesDefinition? ReadResources(ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var resources = new ResourcesDefinition(null, null);
        context.ForEachKey(map, path, ResourcesKeys, (key, value, keyPath) =>
        {
            resources = key == "limits"
                ? resources with { Limits = ReadAmounts(value, keyPath, LimitKeys) }
                : resources with { Reservations = ReadAmounts(value, keyPath, ReservationKeys) };
        });
        return resources;
    }

    private ResourceAmounts? ReadAmounts(ComposeNode node, string path, IReadOnlySet<string> keys)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var amounts = new ResourceAmounts(null, null, null);
        context.ForEachKey(map, path, keys, (key, value, keyPath) =>
        {
            amounts = key switch
            {
                "cpus" => amounts with { Cpus = context.Number(value, keyPath) },
                "memory" => amounts with { MemoryBytes = ReadBytes(value, keyPath) },
                _ => amounts with { Pids = context.Integer(value, keyPath, min: 0) },
            };
        });
        return amounts;
    }

    private long? ReadBytes(ComposeNode node, string path)
    {
        var text = context.String(node, path);
        if (text is null) return null;
        if (ByteSize.TryParse(text, out var bytes)) return bytes;
        context.Error(node, path, $"must be a size like 512M or 1g, not '{text}'");
        return null;
    }
}
