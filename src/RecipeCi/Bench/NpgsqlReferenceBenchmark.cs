using System.Diagnostics;
using Npgsql;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Bench;

/// <summary>
/// The floor <c>bench engine --reference npgsql</c> compares the engine with: plain Npgsql, no engine, no EF. Each of
/// P connections (the engine's in-flight count) runs instances one after the other; an instance is one INSERT of its
/// row, then per step one INSERT of a journal row plus one UPDATE of the instance row, sent as one batch and committed
/// (one round trip and one WAL flush per step, what a hand-written durable step loop pays). Its own two tables, in
/// the benchmark's database, dropped afterwards. It connects as the engine's stores do (the same TLS and automatic
/// preparation settings, see <see cref="PostgresConnectionStrings.Normalize"/>), so the two are compared like for like.
/// </summary>
public sealed class NpgsqlReferenceBenchmark(string connectionString, int instances, int activities, int parallelism)
{
    private const string Instances = "recipeci_bench_reference_instances";
    private const string Journal = "recipeci_bench_reference_journal";

    public async Task<NpgsqlReferenceResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(PostgresConnectionStrings.Normalize(connectionString));
        await ExecuteAsync(source, $"""
            DROP TABLE IF EXISTS {Journal}; DROP TABLE IF EXISTS {Instances};
            CREATE TABLE {Instances} (id text PRIMARY KEY, step int NOT NULL, state text NOT NULL, updated_at timestamptz NOT NULL);
            CREATE TABLE {Journal} (id bigserial PRIMARY KEY, instance_id text NOT NULL, step int NOT NULL, at timestamptz NOT NULL);
            CREATE INDEX ON {Journal} (instance_id);
            """, cancellationToken);
        try
        {
            var next = -1;
            var cpuBefore = ProcessFigures.ProcessorTime();
            var watch = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => Task.Run(async () =>
            {
                await using var connection = await source.OpenConnectionAsync(cancellationToken);
                while (Interlocked.Increment(ref next) < instances)
                    await RunInstanceAsync(connection, Guid.NewGuid().ToString("N"), cancellationToken);
            }, cancellationToken)).ToList();
            await Task.WhenAll(workers);
            watch.Stop();
            var steps = instances * (double)activities;
            return new NpgsqlReferenceResult(
                Math.Round(watch.Elapsed.TotalSeconds, 3),
                Math.Round(steps / watch.Elapsed.TotalSeconds, 1),
                Math.Round((ProcessFigures.ProcessorTime() - cpuBefore).TotalMilliseconds / steps, 3));
        }
        finally
        {
            await ExecuteAsync(source, $"DROP TABLE IF EXISTS {Journal}; DROP TABLE IF EXISTS {Instances};", CancellationToken.None);
        }
    }

    private async Task RunInstanceAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"INSERT INTO {Instances} (id, step, state, updated_at) VALUES ($1, 0, $2, now())", connection))
        {
            create.Parameters.Add(new NpgsqlParameter { Value = id });
            create.Parameters.Add(new NpgsqlParameter { Value = State(0) });
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        for (var step = 1; step <= activities; step++)
        {
            // One batch outside an explicit transaction: one implicit transaction, one round trip, one commit.
            await using var batch = new NpgsqlBatch(connection);
            var journal = new NpgsqlBatchCommand($"INSERT INTO {Journal} (instance_id, step, at) VALUES ($1, $2, now())");
            journal.Parameters.Add(new NpgsqlParameter { Value = id });
            journal.Parameters.Add(new NpgsqlParameter { Value = step });
            var update = new NpgsqlBatchCommand($"UPDATE {Instances} SET step = $2, state = $3, updated_at = now() WHERE id = $1");
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            update.Parameters.Add(new NpgsqlParameter { Value = step });
            update.Parameters.Add(new NpgsqlParameter { Value = State(step) });
            batch.BatchCommands.Add(journal);
            batch.BatchCommands.Add(update);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // A small state document, as a trivial workflow's would be.
    private static string State(int step) => "{\"step\":" + step + ",\"queue\":[],\"variables\":{\"last\":" + step + "}}";

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>What the plain-Npgsql reference loop reached: steps (INSERT + UPDATE commits) per second and client CPU per step.</summary>
public sealed record NpgsqlReferenceResult(double ElapsedSeconds, double StepsPerSecond, double ProcessCpuMillisecondsPerStep);
