using Microsoft.Extensions.Hosting;

namespace RecipeCi.Hosting;

/// <summary>
/// A CLI command's host lifetime: the command, not the host, owns Ctrl+C and the exit, and the host prints no
/// "Application started" lines (stdout is the command's result).
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
