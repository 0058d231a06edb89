namespace Recipes.Ci.Canonicals;

/// <summary>The run record's <c>Promotion</c> text when a run does not promote (the column holds 500 characters).</summary>
public static class PromotionNotes
{
    public const string Prefix = "not promoted: ";

    public static string NotPromoted(string reason)
    {
        var note = Prefix + reason;
        return note.Length <= 500 ? note : note[..497] + "...";
    }
}
