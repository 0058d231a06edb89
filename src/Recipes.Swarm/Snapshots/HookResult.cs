namespace Recipes.Swarm.Snapshots;

/// <summary>A backupbot hook that ran: where, what, and what it printed.</summary>
public sealed record HookResult(string Service, string Container, string Command, long ExitCode, string Output);
