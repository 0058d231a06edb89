using System.Reflection;

namespace RecipeCi.Cli;

/// <summary>The <c>recipeci</c> command tree. Each command lives in its own file under Cli/.</summary>
public static class RecipeCiApp
{
    public static string Version =>
        typeof(RecipeCiApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    public static async Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("recipeci");
            config.SetApplicationVersion(Version);
            // Unknown options are errors (exit 2) rather than silently ignored; configuration keys travel behind "--"
            // (ConfigurationArguments), where strict parsing leaves them alone.
            config.Settings.StrictParsing = true;
            config.ConfigureConsole(CliConsole.CreateForHelp());
            config.SetHelpProvider(new CliHelp(config.Settings));
            config.SetExceptionHandler((exception, _) => UsageErrors.Handle(exception));
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Run the workflow server (Elsa API, Studio, webhooks, schedules).")
                .WithExample("serve", "--urls", "http://127.0.0.1:5080", "--DataDir", "./data");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run one workflow to the end in this process (timers included).")
                .WithExample("run", "workflows/ci.json", "--input", "Recipe=keycloak", "--json");
            config.AddCommand<TriggerCommand>("trigger")
                .WithDescription("Send one signed CI webhook (generic payload) to a server's POST /workflows/ci; print the run id and status URL.")
                .WithExample("trigger", "--server", "http://127.0.0.1:5080", "--secret", "S", "--recipe", "keycloak", "--ref", "main", "--pr", "12");
            config.AddBranch("recipes", recipes =>
            {
                recipes.SetDescription("Recipes under Recipes:Root.");
                recipes.AddCommand<RecipesAddCommand>("add")
                    .WithDescription("Clone a recipe from its forge into Recipes:Root/<name>; webhooks and the nightly sweep fetch from it.")
                    .WithExample("recipes", "add", "keycloak", "https://git.coopcloud.tech/coop-cloud/keycloak.git");
            });
            config.AddBranch("workflows", workflows =>
            {
                workflows.SetDescription("Workflow definition files.");
                workflows.AddCommand<WorkflowsValidateCommand>("validate")
                    .WithDescription("Report every problem in definition files (file, activity, reason).");
                workflows.AddCommand<WorkflowsExportCommand>("export")
                    .WithDescription("Write the stored latest version of each definition (or of one) as <definitionId>.json.")
                    .WithExample("workflows", "export", "quick", "--output", "exported");
                workflows.AddCommand<WorkflowsImportCommand>("import")
                    .WithDescription("Import and publish a definition file or a folder of them, as the server does at start.")
                    .WithExample("workflows", "import", "workflows/");
                workflows.AddCommand<WorkflowsLayoutCommand>("layout")
                    .WithDescription("Lay the flowcharts of definition files out left to right (designer positions); --write saves them.")
                    .WithExample("workflows", "layout", "--write", "workflows/");
            });
            config.AddBranch("snapshots", snapshots =>
            {
                snapshots.SetDescription("Volume snapshots under Snapshots:Root.");
                snapshots.AddCommand<SnapshotsListCommand>("list")
                    .WithDescription("List snapshots, per app.")
                    .WithExample("snapshots", "list", "--app", "warm-keycloak", "--json");
                snapshots.AddCommand<SnapshotsVerifyCommand>("verify")
                    .WithDescription("Re-hash a snapshot's tars against its manifest; exit 1 when they differ.");
            });
            config.AddCommand<PruneCommand>("prune")
                .WithDescription("Prune stopped containers, dangling images, build cache and run volumes of dead apps; never warm or canonical data.")
                .WithExample("prune", "--dry-run", "--json");
            config.AddBranch("runs", runs =>
            {
                runs.SetDescription("Workflow instances on a server (the run API).");
                runs.AddCommand<RunsListCommand>("list").WithDescription("List instances, newest first.")
                    .WithExample("runs", "list", "--server", "http://127.0.0.1:5080", "--api-key", "KEY", "--sub-status", "Faulted");
                runs.AddCommand<RunsShowCommand>("show").WithDescription("Show one run (by the run id trigger prints) or instance; --report prints its JUnit XML.")
                    .WithExample("runs", "show", "RUN-ID", "--report");
                runs.AddCommand<RunsJournalCommand>("journal").WithDescription("Show the journal (execution log) of an instance.");
                runs.AddCommand<RunsCancelCommand>("cancel").WithDescription("Cancel a running or suspended instance.");
                runs.AddCommand<RunsRetryCommand>("retry").WithDescription("Retry a faulted instance from its incident activity.");
                runs.AddCommand<RunsLabelsCommand>("labels").WithDescription("List recipe-CI run records (mode, ref, result, deploys, durations, report) from the local domain database.")
                    .WithExample("runs", "labels", "--recipe", "keycloak", "--json");
            });
            config.AddBranch("tenants", tenants =>
            {
                tenants.SetDescription("Per-run tenants in warm dependencies (Keycloak realms, PostgreSQL databases).");
                tenants.AddCommand<TenantsReapCommand>("reap")
                    .WithDescription("Delete orphan tenants: their run no longer runs and they are older than Tenants:GracePeriodMinutes.")
                    .WithExample("tenants", "reap", "--dry-run");
            });
            config.AddBranch("canonical", canonical =>
            {
                canonical.SetDescription("Canonicals: per recipe the known-good commit and snapshot.");
                canonical.AddCommand<CanonicalListCommand>("list").WithDescription("List every recipe's canonical.")
                    .WithExample("canonical", "list", "--json");
                canonical.AddCommand<CanonicalShowCommand>("show").WithDescription("Show one recipe's canonical; exit 1 when it has none.")
                    .WithExample("canonical", "show", "keycloak");
            });
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Benchmarks (not tests).");
                bench.AddCommand<BenchSnapshotCommand>("snapshot")
                    .WithDescription("Snapshot and restore MB/s of a fresh volume beside tar of the same folder, as ratios.")
                    .WithExample("bench", "snapshot", "--size", "1GiB");
                bench.AddCommand<BenchEngineCommand>("engine")
                    .WithDescription("Run N instances of a K-step workflow with durable per-activity commits; print throughput, overhead, memory.")
                    .WithExample("bench", "engine", "--store", "postgres", "--instances", "10000", "--parallel", "16");
                bench.AddCommand<BenchQuickVsColdCommand>("quick-vs-cold")
                    .WithDescription("Cold run (seeds the canonical) then quick run to a newer ref of a slow-to-initialise fixture recipe; print wall times, their ratio and deploy counts.")
                    .WithExample("bench", "quick-vs-cold", "--init-seconds", "15", "--json");
                bench.AddCommand<BenchHttpCommand>("http")
                    .WithDescription("Drive an HTTP-triggered workflow on a loopback server; print requests/s and p50/p99 latency to committed instance.")
                    .WithExample("bench", "http", "--requests", "2000", "--concurrency", "16");
                bench.AddCommand<BenchStartCommand>("start")
                    .WithDescription("Start serve on a fresh SQLite database N times; print the time to the first /health answer and to the first 200.")
                    .WithExample("bench", "start", "--rounds", "5");
            });
        });
        return await app.RunAsync(ConfigurationArguments.Normalize(args));
    }
}
