using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// What to deploy: a loaded compose project as the stack <paramref name="App"/>. <paramref name="Role"/> is written on
/// the volumes so prune knows which it may remove. <paramref name="ConvergeTimeout"/> bounds the wait for healthy tasks.
/// </summary>
public sealed record StackDeployRequest(AppName App, AppRole Role, ComposeProject Project, TimeSpan ConvergeTimeout)
{
    /// <summary>This many failed tasks of one service during a deploy count as a restart loop, a failed deploy.</summary>
    public int MaxFailedTasks { get; init; } = 3;

    /// <summary>
    /// Values for the project's <c>external: true</c> secrets, by compose secret key (e.g. <c>db_password</c>). A missing
    /// external secret with a value here is created under its declared name, labelled with the stack, so the stack's
    /// teardown removes it; an existing one is reused (Swarm secrets are immutable: the version is in the name).
    /// The values are never logged.
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretValues { get; init; } = new Dictionary<string, string>();
}
