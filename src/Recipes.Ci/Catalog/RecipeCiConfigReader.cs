using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Recipes.Ci.Catalog;

/// <summary>
/// Reads a recipe's <c>recipeci.yml</c> and its CI-side override <c>Recipes:TestsRoot/&lt;recipe&gt;/recipeci.yml</c>.
/// <para>
/// Format (every key optional, unknown keys are errors):
/// <code>
/// tests:                       # run in order; none means a deploy-and-converge check only
///   - name: login              # lower-case letters, digits, dashes; unique
///     command: ./tests/login.sh
///     timeout: 2m              # seconds (90) or with a unit (90s, 5m, 1h); default timeouts.test
/// needs:                       # warm dependencies, by their Warm:Dependencies name
///   - keycloak                 # short form: an empty tenant
///   - name: keycloak           # long form: what the per-run realm must contain
///     clients: [ { clientId: app, secret: s3cret, redirectUris: ["*"] } ]
///     users: [ { username: alice, enabled: true, credentials: [ { type: password, value: alice } ] } ]
/// timeouts: { deploy: 10m, converge: 5m, test: 5m }
/// </code>
/// </para>
/// <para>
/// Merge rule: the override wins per top-level key. <c>tests</c> and <c>needs</c> given in the override replace
/// the recipe's lists entirely (they are not concatenated, so the CI side can drop a broken test);
/// <c>timeouts</c> merge per sub-key (<c>deploy</c>, <c>converge</c>, <c>test</c>). A test runs in the folder
/// of the file that declared it.
/// </para>
/// </summary>
public sealed partial class RecipeCiConfigReader(string testsRoot)
{
    public const string FileName = "recipeci.yml";

    private static readonly string[] TopKeys = ["tests", "needs", "timeouts"];
    private static readonly string[] TestKeys = ["name", "command", "timeout"];
    private static readonly string[] NeedKeys = ["name", "clients", "users"];
    private static readonly string[] TimeoutKeys = ["deploy", "converge", "test"];

    /// <summary>The override file for a recipe, whether or not it exists.</summary>
    public string OverridePath(RecipeName recipe) => Path.Combine(testsRoot, recipe.Value, FileName);

    public RecipeCiConfig Read(RecipeName recipe, string workTreePath)
    {
        var files = new[] { Path.Combine(workTreePath, FileName), OverridePath(recipe) }.Where(File.Exists).ToList();
        if (files.Count == 0) return RecipeCiConfig.Empty;
        var layers = files.Select(ParseFile).ToList();

        T? Last<T>(Func<RecipeCiLayer, T?> pick) where T : class => layers.Select(pick).LastOrDefault(v => v is not null);
        TimeSpan? LastTime(Func<RecipeCiLayer, TimeSpan?> pick) => layers.Select(pick).LastOrDefault(v => v is not null);

        var defaults = RecipeTimeouts.Default;
        var timeouts = new RecipeTimeouts(
            LastTime(l => l.Deploy) ?? defaults.Deploy,
            LastTime(l => l.Converge) ?? defaults.Converge,
            LastTime(l => l.Test) ?? defaults.Test);
        var overridePath = OverridePath(recipe);
        List<RecipeTest>? TestsOf(RecipeCiLayer? layer) => layer?.Tests?
            .Select(t => new RecipeTest(t.Name, t.Command, t.Timeout ?? timeouts.Test, t.WorkingDirectory,
                layer.File == overridePath ? TestSource.CiSide : TestSource.Recipe))
            .ToList();
        var tests = TestsOf(layers.LastOrDefault(l => l.Tests is not null)) ?? [];
        return new RecipeCiConfig(tests, Last(l => l.Needs) ?? [], timeouts, files)
        {
            CiSideTests = TestsOf(layers.FirstOrDefault(l => l.File == overridePath && l.Tests is not null)),
        };
    }

    private static RecipeCiLayer ParseFile(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(File.ReadAllText(file));
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new RecipeCiConfigException(file, "(syntax)", $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e.Start.Line, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's parser gives up this way when the file ends inside an open flow collection or block.
            var lines = File.ReadAllText(file).Split('\n').Length;
            throw new RecipeCiConfigException(file, "(syntax)", $"not valid YAML: the file ends at line {lines} inside an unclosed [ ], {{ }} or quoted value", lines, e);
        }
        if (stream.Documents.Count > 1) throw new RecipeCiConfigException(file, "(document)", "holds several YAML documents; use one.");
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new RecipeCiLayer(file, null, null, null, null, null);
        var root = Mapping(file, "(root)", stream.Documents[0].RootNode);
        CheckKeys(file, "", root, TopKeys);

        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var timeouts = Child(root, "timeouts") is { } t ? Mapping(file, "timeouts", t) : null;
        if (timeouts is not null) CheckKeys(file, "timeouts.", timeouts, TimeoutKeys);
        return new RecipeCiLayer(
            file,
            Child(root, "tests") is { } tests ? ParseTests(file, tests, folder) : null,
            Child(root, "needs") is { } needs ? ParseNeeds(file, needs) : null,
            Duration(file, "timeouts.deploy", timeouts is null ? null : Child(timeouts, "deploy")),
            Duration(file, "timeouts.converge", timeouts is null ? null : Child(timeouts, "converge")),
            Duration(file, "timeouts.test", timeouts is null ? null : Child(timeouts, "test")));
    }

    private static List<ParsedTest> ParseTests(string file, YamlNode node, string folder)
    {
        var tests = new List<ParsedTest>();
        foreach (var (item, i) in Sequence(file, "tests", node).Children.Select((n, i) => (n, i)))
        {
            var key = $"tests[{i}]";
            var map = Mapping(file, key, item);
            CheckKeys(file, key + ".", map, TestKeys);
            var name = RequiredText(file, key + ".name", map);
            if (!TestNamePattern().IsMatch(name))
                throw Problem(file, key + ".name", $"'{name}' is not allowed; use 1-60 lower-case letters, digits and dashes, starting with a letter or digit.", map);
            if (tests.Any(t => t.Name == name)) throw Problem(file, key + ".name", $"'{name}' is used by another test; test names must be unique.", map);
            var command = RequiredText(file, key + ".command", map);
            tests.Add(new ParsedTest(name, command, Duration(file, key + ".timeout", Child(map, "timeout")), folder));
        }
        return tests;
    }

    private static List<WarmNeed> ParseNeeds(string file, YamlNode node)
    {
        var needs = new List<WarmNeed>();
        foreach (var (item, i) in Sequence(file, "needs", node).Children.Select((n, i) => (n, i)))
        {
            var key = $"needs[{i}]";
            WarmNeed need;
            if (item is YamlScalarNode scalar)
            {
                need = new WarmNeed(DependencyName(file, key, scalar.Value, item), [], []);
            }
            else
            {
                var map = Mapping(file, key, item);
                CheckKeys(file, key + ".", map, NeedKeys);
                need = new WarmNeed(
                    DependencyName(file, key + ".name", RequiredText(file, key + ".name", map), map),
                    Objects(file, key + ".clients", Child(map, "clients")),
                    Objects(file, key + ".users", Child(map, "users")));
            }
            if (needs.Any(n => n.Dependency == need.Dependency)) throw Problem(file, key, $"'{need.Dependency}' is needed twice; list it once.", item);
            needs.Add(need);
        }
        return needs;
    }

    private static List<JsonObject> Objects(string file, string key, YamlNode? node)
    {
        if (node is null) return [];
        return Sequence(file, key, node).Children
            .Select((n, i) => YamlJson.Convert(Mapping(file, $"{key}[{i}]", n)) as JsonObject ?? throw Problem(file, $"{key}[{i}]", "must be a mapping.", n))
            .ToList();
    }

    private static string DependencyName(string file, string key, string? value, YamlNode node) =>
        value is not null && DependencyPattern().IsMatch(value)
            ? value
            : throw Problem(file, key, $"'{value}' is not a dependency name; use lower-case letters, digits and dashes (e.g. keycloak).", node);

    private static TimeSpan? Duration(string file, string key, YamlNode? node)
    {
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } text } && DurationText.TryParse(text, out var duration)) return duration;
        throw Problem(file, key, $"'{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}' is not a duration; use seconds (90) or 90s, 5m, 1h (at most 24h).", node);
    }

    private static string RequiredText(string file, string key, YamlMappingNode map)
    {
        var node = Child(map, key[(key.LastIndexOf('.') + 1)..]);
        if (node is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text)) return text;
        throw Problem(file, key, node is null ? "is required." : "must be non-empty text.", node ?? map);
    }

    private static void CheckKeys(string file, string prefix, YamlMappingNode map, string[] allowed)
    {
        foreach (var (keyNode, _) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name))
                throw Problem(file, prefix + (name ?? "?"), $"unknown key; allowed here: {string.Join(", ", allowed)}.", keyNode);
        }
    }

    // A key written with no value (`tests:`) counts as not set.
    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !(value is YamlScalarNode { Style: ScalarStyle.Plain } s && IsNull(s))
            ? value
            : null;

    private static bool IsNull(YamlScalarNode s) => s.Value is null or "" or "~" or "null";

    private static YamlMappingNode Mapping(string file, string key, YamlNode node) =>
        node as YamlMappingNode ?? throw Problem(file, key, "must be a mapping (key: value).", node);

    private static YamlSequenceNode Sequence(string file, string key, YamlNode node) =>
        node as YamlSequenceNode ?? throw Problem(file, key, "must be a list.", node);

    private static RecipeCiConfigException Problem(string file, string key, string problem, YamlNode node) =>
        new(file, key, problem, node.Start.Line);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}\\z")]
    private static partial Regex TestNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}\\z")]
    private static partial Regex DependencyPattern();
}
