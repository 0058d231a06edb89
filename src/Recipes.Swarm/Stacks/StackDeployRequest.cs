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
}
