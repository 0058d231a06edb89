namespace RecipeCi.Cli;

/// <summary>
/// A read-only command found no recipeci database where the configuration points: it says where it looked instead
/// of creating an empty one there.
/// </summary>
public sealed class NoDatabaseException(string path, string dataDir) : Exception(
    $"No recipeci database at {path} (DataDir {dataDir}): nothing to show. Run this command where `recipeci serve` runs, " +
    "or point it at the server's data with --DataDir <folder> (or its appsettings.json / RECIPECI_ variables).")
{
    public const int ExitCode = 1;
}
