namespace Workflows.Persistence.Configuration;

/// <summary>
/// The schema script a SQLite context ships: the SQL that EF Core generates for all of the context's migrations from an
/// empty database (<c>IMigrator.GenerateScript</c> without transaction statements), embedded in the context's assembly
/// as <c>&lt;context type name&gt;.sql</c>. <see cref="SchemaMigrator{TDatabase}"/> creates a fresh SQLite database
/// from it in one transaction instead of through EF Core's migrator, which first builds the model and each migration's
/// target model: about a third of a second of <c>serve</c>'s start. A test keeps every script equal to what EF Core
/// generates from the migrations, and shows that both ways give the same schema.
/// </summary>
public static class SqliteSchemaScript
{
    /// <summary>The embedded resource's name for a context type.</summary>
    public static string ResourceName(Type contextType) => $"{contextType.Name}.sql";

    /// <summary>The context's script, or null when its assembly embeds none.</summary>
    public static string? Read(Type contextType)
    {
        ArgumentNullException.ThrowIfNull(contextType);
        using var stream = contextType.Assembly.GetManifestResourceStream(ResourceName(contextType));
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
