namespace Workflows.Persistence.Data.Configurations;

/// <summary>Column lengths shared by the entity configurations (PostgreSQL enforces them; SQLite ignores them).</summary>
internal static class ColumnSizes
{
    public const int Id = 128;
    public const int Name = 256;
    public const int TypeName = 256;
    public const int Status = 32;
    public const int Hash = 256;
    public const int NodeId = 1024;
}
