using System.Diagnostics;
using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// A bare git repository standing in for a recipe's repository on the forge, fed from a work clone of the
/// <c>ci-app</c> fixture with the git CLI (as a maintainer pushes): branches, tags and pull request heads
/// (<c>refs/pull/&lt;n&gt;/head</c>, where Gitea and GitHub keep them, also for forks).
/// </summary>
public sealed class ForgeRepository
{
    private readonly string _work;

    public ForgeRepository(string root, string recipe, string fixture = "ci-app")
    {
        Recipe = recipe;
        _work = new FixtureRecipes().CreateRepository(fixture, Directory.CreateDirectory(Path.Combine(root, "work")).FullName, recipe);
        BarePath = Path.Combine(root, "forge", recipe + ".git");
        Directory.CreateDirectory(BarePath);
        Git(BarePath, "init", "--bare", "--quiet");
        DefaultBranch = Git(_work, "symbolic-ref", "--short", "HEAD").Trim();
        Git(_work, "push", "--quiet", BarePath, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
        Git(BarePath, "symbolic-ref", "HEAD", "refs/heads/" + DefaultBranch);
    }

    public string Recipe { get; }
    public string BarePath { get; }
    public string DefaultBranch { get; }

    /// <summary>The forge's full name of the repository.</summary>
    public string FullName => "coop-cloud/" + Recipe;

    /// <summary>The sha <paramref name="gitRef"/> has on the forge.</summary>
    public string Sha(string gitRef) => Git(BarePath, "rev-parse", gitRef + "^{commit}").Trim();

    /// <summary>
    /// Commits on top of <paramref name="from"/> (a tag or branch), changing the files with <paramref name="edit"/> (given
    /// the work tree's path), and pushes the commit to <paramref name="targetRef"/> on the forge; returns its sha.
    /// </summary>
    public string CommitAndPush(string from, string targetRef, string message, Action<string> edit)
    {
        Git(_work, "checkout", "--quiet", "--detach", from);
        edit(_work);
        Git(_work, "add", "-A");
        Git(_work, "-c", "user.name=tests", "-c", "user.email=tests@recipeci.invalid", "commit", "--quiet", "--allow-empty", "-m", message);
        var sha = Git(_work, "rev-parse", "HEAD").Trim();
        Git(_work, "push", "--quiet", "--force", BarePath, $"HEAD:{targetRef}");
        Git(_work, "checkout", "--quiet", DefaultBranch);
        return sha;
    }

    /// <summary>Tags <paramref name="sha"/> on the forge.</summary>
    public void PushTag(string tag, string sha) => Git(_work, "push", "--quiet", BarePath, $"{sha}:refs/tags/{tag}");

    public static string Git(string directory, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} in {directory} exited {process.ExitCode}: {error}");
        return output;
    }
}
