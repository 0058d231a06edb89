namespace Recipes.Ci.Catalog;

/// <summary>What one <c>recipeci.yml</c> file says; null means the file does not set that key.</summary>
internal sealed record RecipeCiLayer(
    string File,
    IReadOnlyList<ParsedTest>? Tests,
    IReadOnlyList<WarmNeed>? Needs,
    TimeSpan? Deploy,
    TimeSpan? Converge,
    TimeSpan? Test);

/// <summary>A test as written; without its own timeout it takes the merged <c>timeouts.test</c>.</summary>
internal sealed record ParsedTest(string Name, string Command, TimeSpan? Timeout, string WorkingDirectory);
