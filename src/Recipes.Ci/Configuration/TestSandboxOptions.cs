using Recipes.Swarm.Sandbox;

namespace Recipes.Ci.Configuration;

/// <summary>
/// Configuration section <c>Ci:Tests</c>: where a recipe's test commands run. They come from pull requests, so they
/// are untrusted code: by default each runs in a throwaway container from <see cref="Image"/>; without that image,
/// as the unprivileged <see cref="User"/>; never as root on the CI host.
/// </summary>
/// <param name="Image"><c>Ci:Tests:Image</c>: a local image with <c>/bin/sh</c> (docker/test-image/build makes one).</param>
/// <param name="User"><c>Ci:Tests:User</c>: the fallback when the image is missing; must exist and not be root.</param>
/// <param name="Trust"><c>Ci:Tests:Trust</c>: whose tests run.</param>
public sealed record TestSandboxOptions(string Image, string? User, TestTrust Trust, SandboxLimits Limits)
{
    public const string DefaultImage = "recipeci-tests:latest";

    public static TestSandboxOptions Default { get; } = new(DefaultImage, null, TestTrust.Recipe, SandboxLimits.Default);
}

/// <summary>Whose test commands a run honours.</summary>
public enum TestTrust
{
    /// <summary>The recipe's own <c>recipeci.yml</c> tests, unless the CI side (<c>Recipes:TestsRoot</c>) replaces them.</summary>
    Recipe,

    /// <summary>Only the CI-side tests under <c>Recipes:TestsRoot/&lt;recipe&gt;/</c>; a pull request cannot choose what runs.</summary>
    CiOnly,
}
