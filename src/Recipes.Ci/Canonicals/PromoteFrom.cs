namespace Recipes.Ci.Canonicals;

/// <summary>
/// <c>Ci:PromoteFrom</c>: the refs whose commits may become a canonical. A comma-separated list (or an array
/// <c>Ci:PromoteFrom:0</c>, ...) of <c>default-branch</c> (the recipe repository's HEAD branch), <c>tags</c> (its
/// version tags) and <c>branch:&lt;name&gt;</c>; a commit qualifies when one of them reaches it (it is that ref's tip
/// or an ancestor). Default: <c>default-branch,tags</c>. A pull request's head, or any other branch, never does until
/// it is merged.
/// </summary>
public sealed record PromoteFrom(bool DefaultBranch, bool Tags, IReadOnlyList<string> Branches)
{
    public const string DefaultBranchRule = "default-branch";
    public const string TagsRule = "tags";
    public const string BranchPrefix = "branch:";

    public static PromoteFrom Default { get; } = new(true, true, []);

    /// <summary>Parses the rules; throws <see cref="FormatException"/> naming the entry that is not one.</summary>
    public static PromoteFrom Parse(IEnumerable<string> rules)
    {
        bool defaultBranch = false, tags = false;
        var branches = new List<string>();
        foreach (var rule in rules.Select(r => r.Trim()).Where(r => r.Length > 0))
        {
            if (rule == DefaultBranchRule) defaultBranch = true;
            else if (rule == TagsRule) tags = true;
            else if (rule.StartsWith(BranchPrefix, StringComparison.Ordinal) && rule.Length > BranchPrefix.Length
                     && !rule[BranchPrefix.Length..].Any(char.IsWhiteSpace))
                branches.Add(rule[BranchPrefix.Length..]);
            else
                throw new FormatException($"'{rule}' is not a rule; use {DefaultBranchRule}, {TagsRule} or {BranchPrefix}<name>.");
        }
        if (!defaultBranch && !tags && branches.Count == 0)
            throw new FormatException($"no rule given; use {DefaultBranchRule}, {TagsRule} or {BranchPrefix}<name> (default: {DefaultBranchRule},{TagsRule}).");
        return new PromoteFrom(defaultBranch, tags, branches);
    }

    public override string ToString() =>
        string.Join(",", new[] { DefaultBranch ? DefaultBranchRule : null, Tags ? TagsRule : null }.OfType<string>().Concat(Branches.Select(b => BranchPrefix + b)));
}
