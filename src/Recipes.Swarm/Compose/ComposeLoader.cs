namespace Recipes.Swarm.Compose;

/// <summary>
/// The compose loader: file list from <c>COMPOSE_FILE</c>, per-file interpolation, overlay merge
/// (<see cref="ComposeMerger"/>), then the typed model with cross-references checked (a service's volumes,
/// networks, configs and secrets must be declared at the top level).
/// </summary>
/// <param name="unsupportedKeysAreErrors">Strict mode: an unsupported key fails the load instead of being a warning.</param>
public sealed class ComposeLoader(bool unsupportedKeysAreErrors = false) : IComposeLoader
{
    public const string MainFile = "compose.yml";
    private static readonly HashSet<string> TopLevelKeys = ["version", "services", "volumes", "networks", "configs", "secrets"];

    public async Task<ComposeProject> LoadAsync(string recipeDirectory, AppEnvironment environment, CancellationToken cancellationToken = default)
    {
        var errors = new List<ComposeDiagnostic>();
        var warnings = new List<ComposeDiagnostic>();
        var interpolation = new TreeInterpolation(new Interpolator(environment.Variables), errors, warnings);

        MappingNode? merged = null;
        var files = FileList(recipeDirectory, environment);
        foreach (var file in files)
        {
            var fullPath = Path.Combine(recipeDirectory, file);
            if (!File.Exists(fullPath))
            {
                errors.Add(new ComposeDiagnostic(file, 0, "(file)", $"does not exist in {recipeDirectory}"));
                continue;
            }
            var tree = interpolation.Apply(YamlTreeReader.Read(await File.ReadAllTextAsync(fullPath, cancellationToken), file));
            merged = merged is null ? ComposeMerger.Normalize(tree) : ComposeMerger.Merge(merged, tree);
        }
        if (errors.Count > 0 || merged is null) throw new ComposeException(errors);

        var context = new ComposeReadContext(unsupportedKeysAreErrors);
        var project = Read(merged, recipeDirectory, files, environment, context);
        errors.AddRange(context.Errors);
        if (errors.Count > 0) throw new ComposeException(errors);
        return project with { Warnings = [.. warnings, .. context.Warnings] };
    }

    /// <summary><c>compose.yml</c> first, then each overlay in <c>COMPOSE_FILE</c> (colon-separated) once, in order.</summary>
    public static IReadOnlyList<string> FileList(string recipeDirectory, AppEnvironment environment)
    {
        var files = new List<string> { MainFile };
        foreach (var name in (environment["COMPOSE_FILE"] ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var full = Path.GetFullPath(Path.Combine(recipeDirectory, name));
            var root = Path.GetFullPath(recipeDirectory) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(root, StringComparison.Ordinal))
                throw new ComposeException([new ComposeDiagnostic(".env", 0, "COMPOSE_FILE", $"'{name}' is outside the recipe")]);
            var relative = Path.GetRelativePath(recipeDirectory, full);
            if (!files.Contains(relative)) files.Add(relative);
        }
        return files;
    }

    private static ComposeProject Read(MappingNode root, string recipeDirectory, IReadOnlyList<string> files, AppEnvironment environment, ComposeReadContext context)
    {
        var services = new Dictionary<string, ServiceDefinition>();
        var volumes = new Dictionary<string, VolumeDefinition>();
        var networks = new Dictionary<string, NetworkDefinition>();
        var configs = new Dictionary<string, FileObjectDefinition>();
        var secrets = new Dictionary<string, FileObjectDefinition>();
        var serviceReader = new ServiceReader(context, environment, recipeDirectory);
        var resourceReader = new ResourceReader(context);

        context.ForEachKey(root, "", TopLevelKeys, (key, value, _) =>
        {
            if (key == "version" || context.Mapping(value, key) is not { } section) return;
            foreach (var (name, node) in section.Entries)
            {
                var path = $"{key}.{name}";
                switch (key)
                {
                    case "services": if (serviceReader.Read(name, node) is { } s) services[name] = s; break;
                    case "volumes": if (resourceReader.ReadVolume(name, node, path) is { } v) volumes[name] = v; break;
                    case "networks": if (resourceReader.ReadNetwork(name, node, path) is { } n) networks[name] = n; break;
                    case "configs": if (resourceReader.ReadFileObject(name, node, path) is { } c) configs[name] = c; break;
                    default: if (resourceReader.ReadFileObject(name, node, path) is { } x) secrets[name] = x; break;
                }
            }
        });
        if (services.Count == 0) context.Error(root, "services", "must declare at least one service");

        // The implicit stack network that docker stack deploy creates for services that name no network.
        if (services.Values.Any(s => s.Networks.Any(n => n.Name == "default")) && !networks.ContainsKey("default"))
            networks["default"] = new NetworkDefinition("default", null, false, null, false, false, new Dictionary<string, string>(), new Dictionary<string, string>());

        CheckReferences(root, services.Values, volumes, networks, configs, secrets, context);
        var project = new ComposeProject(recipeDirectory, files, services, volumes, networks, configs, secrets, []);
        CheckFiles(root, project, context);
        return project;
    }

    private static void CheckReferences(
        MappingNode root, IEnumerable<ServiceDefinition> services,
        IReadOnlyDictionary<string, VolumeDefinition> volumes, IReadOnlyDictionary<string, NetworkDefinition> networks,
        IReadOnlyDictionary<string, FileObjectDefinition> configs, IReadOnlyDictionary<string, FileObjectDefinition> secrets,
        ComposeReadContext context)
    {
        foreach (var service in services)
        {
            var at = (root["services"] as MappingNode)?[service.Name] ?? root;
            var path = $"services.{service.Name}";
            foreach (var mount in service.Volumes.Where(m => m.Type == "volume" && m.Source is not null && !volumes.ContainsKey(m.Source)))
                context.Error(at, path + ".volumes", $"uses volume '{mount.Source}', which is not declared under the top-level volumes");
            foreach (var network in service.Networks.Where(n => !networks.ContainsKey(n.Name)))
                context.Error(at, path + ".networks", $"uses network '{network.Name}', which is not declared under the top-level networks");
            foreach (var grant in service.Configs.Where(g => !configs.ContainsKey(g.Source)))
                context.Error(at, path + ".configs", $"uses config '{grant.Source}', which is not declared under the top-level configs");
            foreach (var grant in service.Secrets.Where(g => !secrets.ContainsKey(g.Source)))
                context.Error(at, path + ".secrets", $"uses secret '{grant.Source}', which is not declared under the top-level secrets");
        }
    }

    /// <summary>Config and secret files must exist inside the recipe: a recipe must not read files from elsewhere on the host.</summary>
    private static void CheckFiles(MappingNode root, ComposeProject project, ComposeReadContext context)
    {
        var recipeRoot = Path.GetFullPath(project.RecipeDirectory) + Path.DirectorySeparatorChar;
        foreach (var (section, items) in new[] { ("configs", project.Configs), ("secrets", project.Secrets) })
        {
            foreach (var item in items.Values.Where(i => i.File is not null))
            {
                var full = Path.GetFullPath(Path.Combine(project.RecipeDirectory, item.File!));
                var at = (root[section] as MappingNode)?[item.Key] ?? root;
                if (!full.StartsWith(recipeRoot, StringComparison.Ordinal))
                    context.Error(at, $"{section}.{item.Key}.file", $"'{item.File}' is outside the recipe");
                else if (!File.Exists(full))
                    context.Error(at, $"{section}.{item.Key}.file", $"'{item.File}' does not exist");
            }
        }
    }
}
