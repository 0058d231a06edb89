using Npgsql;

namespace Workflows.Persistence.Configuration;

/// <summary>The PostgreSQL connection string as the stores and the instance locks open it.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the engine sends the same few
    /// statements (instance upsert, journal inserts) for every step, and a prepared statement skips parsing and planning.
    /// Also turns TLS off for a server on this machine (loopback or Unix socket) unless the connection string sets SSL Mode.
    /// </summary>
    public static string Normalize(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!IsSet(builder, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!IsSet(builder, "SSL Mode") && IsLocal(builder.Host))
        {
            // Npgsql prefers TLS when the server offers it; over loopback or a Unix socket it protects nothing and costs
            // CPU on both ends at every round trip (a large share of a step's cost). Set SSL Mode to keep it.
            builder.SslMode = SslMode.Disable;
        }
        return builder.ToString();
    }

    // Keys lists the keywords the string sets, by their canonical names ("sslmode" reads as "SSL Mode"); ContainsKey
    // answers true for every keyword Npgsql knows, set or not.
    private static bool IsSet(NpgsqlConnectionStringBuilder builder, string keyword) =>
        builder.Keys.Cast<string>().Contains(keyword, StringComparer.OrdinalIgnoreCase);

    private static bool IsLocal(string? host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "[::1]"
        || (host is { Length: > 0 } && host.StartsWith('/'));
}
