using System.Text.Json;
using System.Text.Json.Nodes;
using Recipes.Ci.Warm;
using Spectre.Console;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci tenants reap [--dry-run] [--json]</c>: the ReapTenants activity by hand, through the same
/// <see cref="TenantReaping"/>: in every warm dependency with tenants, deletes the Keycloak realms and PostgreSQL
/// databases whose run is no longer running (asked of the engine's instance store, then the run records, leases and
/// app locks) and that are older than <c>Tenants:GracePeriodMinutes</c>. Prints each dependency as it is done and a
/// summary; exit 0 when every dependency was reaped, 1 when one could not be reached.
/// </summary>
public sealed class TenantsReapCommand : ConfiguredCommand<TenantsReapCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dry-run"), Description("List the tenants that would be deleted; delete nothing and raise no alert.")]
        public bool DryRun { get; init; }

        [CommandOption("--json"), Description("Print one JSON object: the summary and every dependency's report.")]
        public bool Json { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = await CommandServices.StartAsync([.. context.Remaining.Raw], cancellationToken, withInstances: true);
            var reaping = services.Get<TenantReaping>();
            var dependencies = services.Get<TenantProviders>().Names;
            if (dependencies.Count == 0 && !settings.Json)
            {
                AnsiConsole.MarkupLine("No warm dependency keeps tenants (set Warm:Dependencies:<n>:Tenants:Provider); nothing to reap.");
                return 0;
            }
            var progress = new SynchronousProgress(report =>
            {
                // Progress goes to stderr so --json output stays one document on stdout.
                var verb = report.Report.DryRun ? "would delete" : "deleted";
                Console.Error.WriteLine($"{report.Dependency} ({report.Report.Kind}): {verb} {report.Report.Deleted.Count}, kept {report.Report.Kept.Count}"
                                        + (report.Report.OverLimit ? $", over the live limit ({report.Report.Live} live)" : ""));
            });
            var reports = await reaping.ReapAsync(settings.DryRun, cancellationToken, progress);
            Print(settings, reports);
            return 0;
        }
        catch (Exception ex) when (ex is Recipes.Ci.Tenants.TenantException or Recipes.Ci.Tenants.KeycloakException or HttpRequestException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"Reaping tenants failed: {ex.Message}");
            return 1;
        }
    }

    private static void Print(Settings settings, IReadOnlyList<DependencyReapReport> reports)
    {
        var deleted = reports.Sum(r => r.Report.Deleted.Count);
        var kept = reports.Sum(r => r.Report.Kept.Count);
        if (settings.Json)
        {
            Console.WriteLine(new JsonObject
            {
                ["dryRun"] = settings.DryRun,
                ["deleted"] = deleted,
                ["kept"] = kept,
                ["dependencies"] = JsonSerializer.SerializeToNode(reports, CliJson.Options),
            }.ToJsonString(CliJson.Options));
            return;
        }
        var table = new Table().AddColumns("Dependency", "Kind", settings.DryRun ? "Would delete" : "Deleted", "Kept (live)", "Over limit");
        foreach (var r in reports)
            table.AddRow(Markup.Escape(r.Dependency), Markup.Escape(r.Report.Kind), Markup.Escape(string.Join(" ", r.Report.Deleted)),
                Markup.Escape(string.Join(" ", r.Report.Kept)), r.Report.OverLimit ? "yes" : "no");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(settings.DryRun
            ? $"Dry run: {deleted} orphan tenant(s) would be deleted, {kept} kept, in {reports.Count} dependenc{(reports.Count == 1 ? "y" : "ies")}; nothing was deleted."
            : $"{deleted} orphan tenant(s) deleted, {kept} kept, in {reports.Count} dependenc{(reports.Count == 1 ? "y" : "ies")}.");
    }

    /// <summary>Reports on the reaping thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<DependencyReapReport> report) : IProgress<DependencyReapReport>
    {
        public void Report(DependencyReapReport value) => report(value);
    }
}
