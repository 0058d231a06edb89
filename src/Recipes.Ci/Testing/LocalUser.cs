namespace Recipes.Ci.Testing;

/// <summary>A user of this host from <c>/etc/passwd</c>.</summary>
public sealed record LocalUser(string Name, int Uid, int Gid)
{
    /// <summary>The user named (or numbered) <paramref name="nameOrUid"/>, or null when the host has none.</summary>
    public static LocalUser? Find(string nameOrUid, string passwdFile = "/etc/passwd")
    {
        if (!File.Exists(passwdFile)) return null;
        foreach (var line in File.ReadLines(passwdFile))
        {
            var fields = line.Split(':');
            if (fields.Length < 4 || !int.TryParse(fields[2], out var uid) || !int.TryParse(fields[3], out var gid)) continue;
            if (fields[0] == nameOrUid || fields[2] == nameOrUid) return new LocalUser(fields[0], uid, gid);
        }
        return null;
    }
}
