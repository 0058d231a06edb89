namespace Recipes.Swarm.Compose;

/// <summary>
/// Interpolates every scalar value of one file's tree (keys are left alone, as in compose). Each failure becomes
/// an error and each unset variable a warning, both naming the file and key path.
/// </summary>
public sealed class TreeInterpolation(Interpolator interpolator, List<ComposeDiagnostic> errors, List<ComposeDiagnostic> warnings)
{
    public MappingNode Apply(MappingNode root) => (MappingNode)Visit(root, "");

    private ComposeNode Visit(ComposeNode node, string path) => node switch
    {
        ScalarNode { Value: { } value } scalar => scalar with { Value = Substitute(scalar, value, path) },
        MappingNode mapping => mapping with
        {
            Entries = mapping.Entries.Select(e => new KeyValuePair<string, ComposeNode>(e.Key, Visit(e.Value, Join(path, e.Key)))).ToList(),
        },
        SequenceNode sequence => sequence with { Items = sequence.Items.Select((item, i) => Visit(item, $"{path}[{i}]")).ToList() },
        _ => node,
    };

    private string Substitute(ScalarNode scalar, string value, string path)
    {
        if (!value.Contains('$')) return value;
        var unset = new List<string>();
        try
        {
            var result = interpolator.Substitute(value, unset);
            foreach (var name in unset.Distinct())
                warnings.Add(new ComposeDiagnostic(scalar.File, scalar.Line, path, $"variable {name} is not set; an empty string is used"));
            return result;
        }
        catch (InterpolationException ex)
        {
            errors.Add(new ComposeDiagnostic(scalar.File, scalar.Line, path, ex.Message));
            return value;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
