using Recipes.Ci.Catalog;

namespace Recipes.Ci.UnitTests.Catalog;

/// <summary>Recipe names and run ids keep their rules and their error messages (each rule is data in <c>NameRule</c>).</summary>
public sealed class ValidatedNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("hello-world")]
    [InlineData("a2345678901234567890123456789012345678-")]
    [InlineData("a234567890123456789012345678901234567890")]
    public void Recipe_names_are_lower_case_up_to_40_characters_starting_with_a_letter(string value)
    {
        Assert.True(RecipeName.TryParse(value, out var name));
        Assert.Equal(value, name.ToString());
        Assert.Equal(RecipeName.Parse(value), name);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a2345678901234567890123456789012345678901")]
    [InlineData("hello\n")]
    public void A_bad_recipe_name_says_what_to_use(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => RecipeName.Parse(value));
        Assert.Equal(
            $"'{value}' is not a valid recipe name: use 1-40 lower-case letters, digits and dashes, starting with a letter. (Parameter 'value')",
            error.Message);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("3f9a1c2e-run")]
    [InlineData("a234567890123456789012345678901234567890")]
    public void Run_ids_are_lower_case_up_to_40_characters_with_inner_dashes(string value)
    {
        Assert.True(RunId.TryParse(value, out var id));
        Assert.Equal(value, id.Value);
        Assert.Equal(RunId.Parse(value), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-run")]
    [InlineData("run-")]
    [InlineData("run_1")]
    [InlineData("Run")]
    [InlineData("a2345678901234567890123456789012345678901")]
    public void A_bad_run_id_says_what_to_use(string value)
    {
        Assert.False(RunId.TryParse(value, out _));
        var error = Assert.Throws<ArgumentException>(() => RunId.Parse(value));
        Assert.Equal(
            $"'{value}' is not a valid run id: use 1-40 lower-case letters, digits and dashes, not starting or ending with a dash. (Parameter 'value')",
            error.Message);
    }

    [Fact]
    public void A_recipe_name_and_a_run_id_with_the_same_text_are_not_equal() =>
        Assert.NotEqual<object>(RecipeName.Parse("hello"), RunId.Parse("hello"));
}
