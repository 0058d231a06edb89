namespace Workflows.Core.Expressions;

/// <summary>Settings of C# expressions.</summary>
public sealed record CSharpOptions
{
    /// <summary>Compiled expression delegates kept; past it the least recently used are dropped (and recompiled if met again).</summary>
    public int MaxCachedScripts { get; init; } = 2048;
}
