using System.Text.RegularExpressions;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// Which refs a webhook may ask for: a tag, branch or commit sha made of letters, digits and <c>. _ + / -</c>
/// (the catalog's own rule), so a ref can never be an option, a path escape or a revision expression.
/// </summary>
public static partial class GitRefRule
{
    public static bool IsValid(string? gitRef) =>
        gitRef is not null
        && Pattern().IsMatch(gitRef)
        && !gitRef.Contains("..", StringComparison.Ordinal)
        && !gitRef.Contains("//", StringComparison.Ordinal)
        && !gitRef.EndsWith(".lock", StringComparison.Ordinal)
        && !gitRef.EndsWith('/');

    public const string Description = "a tag, branch or commit sha of at most 200 letters, digits and . _ + / - (no '..', '//', trailing '/' or '.lock')";

    // \z, not $: in .NET "$" also matches before a final newline, which would let "main\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+/-]{0,199}\z")]
    private static partial Regex Pattern();
}
