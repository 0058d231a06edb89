namespace Recipes.Ci.Forge;

/// <summary>A forge repository's full name, <c>owner/name</c>, as webhooks carry it.</summary>
public static class ForgeRepository
{
    /// <summary>Splits <c>owner/name</c>; throws when it is not exactly two non-empty parts.</summary>
    public static (string Owner, string Name) Split(string repository)
    {
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"Forge repository '{repository}' is not 'owner/name'.", nameof(repository));
        return (parts[0], parts[1]);
    }

    /// <summary><c>owner/name</c> with each part URL-escaped, for an API path.</summary>
    public static string Escape(string repository)
    {
        var (owner, name) = Split(repository);
        return Uri.EscapeDataString(owner) + "/" + Uri.EscapeDataString(name);
    }

    /// <summary>A forge's error body, cut short for a log line or an outbox row.</summary>
    public static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
