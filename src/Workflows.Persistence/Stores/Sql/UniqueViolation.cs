using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>Recognises a primary-key or unique-constraint violation on either provider.</summary>
internal static class UniqueViolation
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE (extended result codes).
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    public static bool Matches(DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique,
        _ => false,
    };
}
