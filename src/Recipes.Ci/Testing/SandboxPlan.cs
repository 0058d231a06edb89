using Recipes.Swarm.Sandbox;

namespace Recipes.Ci.Testing;

/// <summary>Where one run's tests execute, decided once per run: a container (with its network) or an unprivileged user.</summary>
/// <param name="Description">For the report and logs, e.g. <c>container recipeci-tests:latest as 65534:65534, network host</c>.</param>
public sealed record SandboxPlan(bool InContainer, SandboxNetwork Network, string Description);
