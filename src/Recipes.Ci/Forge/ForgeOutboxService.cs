using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Forge;

/// <summary>
/// Posts the forge outbox: at once when something is queued, else every few seconds; a failed post waits with backoff
/// (up to <see cref="ForgeOutboxClaims.MaxBackoff"/>) while the forge is down, and rows queued before a restart are
/// posted after it. Nothing here ever blocks or fails a run.
/// </summary>
public sealed class ForgeOutboxService(ForgeOutbox outbox, ForgeOutboxClaims claims, ForgeConnection forge, ILogger<ForgeOutboxService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (forge.Client is not { } client)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await claims.ClaimDueAsync(20, stoppingToken);
                foreach (var row in due)
                    await PostAsync(client, row, stoppingToken);
                if (due.Count == 0)
                    await outbox.WaitForWorkAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself failed (e.g. a restart of PostgreSQL): try again on the next turn.
                logger.LogWarning(e, "Forge outbox: could not read the outbox; trying again");
                await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PostAsync(IForgeClient client, ForgeOutboxEntity row, CancellationToken cancellationToken)
    {
        try
        {
            if (row.Step == ForgeOutboxSteps.Comment)
                await client.PostCommentAsync(row.Repository, int.Parse(row.Pr!, System.Globalization.CultureInfo.InvariantCulture), row.Body ?? string.Empty, cancellationToken);
            else
                await client.PostStatusAsync(row.Repository, row.Sha, new CommitStatusPost(row.State, row.Context, row.Description, row.TargetUrl), cancellationToken);
            await claims.DoneAsync(row.Id, CancellationToken.None);
            logger.LogInformation("Run {RunId}: {Step} {State} posted to {Repository}@{Sha}", row.RunId, row.Step, row.State, row.Repository, row.Sha);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var permanent = e is ForgeException { IsPermanent: true };
            var gaveUp = await claims.FailedAsync(row, e.Message, permanent, CancellationToken.None);
            logger.Log(gaveUp ? LogLevel.Error : LogLevel.Warning, "Run {RunId}: posting {Step} {State} to {Repository} failed (attempt {Attempt}{GaveUp}): {Error}",
                row.RunId, row.Step, row.State, row.Repository, row.Attempts + 1, gaveUp ? ", given up" : ", will retry", e.Message);
        }
    }
}
