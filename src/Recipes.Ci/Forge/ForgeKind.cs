namespace Recipes.Ci.Forge;

/// <summary>Which forge API commit statuses, comments and collaborator checks go to (<c>Forge:Kind</c>).</summary>
public enum ForgeKind
{
    /// <summary>No forge: nothing is posted.</summary>
    None,

    /// <summary>Gitea or Forgejo: <c>{Forge:Url}/api/v1/...</c>.</summary>
    Gitea,

    /// <summary>GitHub (<c>https://api.github.com</c>) or GitHub Enterprise (<c>{Forge:Url}/api/v3/...</c>).</summary>
    GitHub,
}
